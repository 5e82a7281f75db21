package io.github.dl4jprojection.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One entity of a parsed e-mail (the message, a body part, or an embedded {@code message/rfc822}), with only
 * what {@link MailTextExtractor} needs: the decoded Subject of a message, the media type, the decoded text of
 * a {@code text/*} leaf, the preamble of a multipart and the child entities. Built by {@link MailPartCollector}.
 */
final class MailPart {

    final boolean message;
    final List<MailPart> children = new ArrayList<>();
    String subject;
    String declaredCharset;
    String mediaType;
    boolean multipart;
    String preamble;
    String text;

    MailPart(boolean message) {
        this.message = message;
    }

    /**
     * The text of this entity: for a message its Subject, a line break, then its content. The content of a
     * {@code multipart/alternative} is its last non-blank alternative (the RFC's most faithful one); of any
     * other entity with children all their texts, one per line; of a multipart whose boundary never occurs
     * its body (the preamble) read as plain text; of a {@code text/*} leaf its decoded text; else nothing.
     */
    String text() {
        String content = content();
        return message && subject != null ? subject + "\n" + content : content;
    }

    private String content() {
        if (children.isEmpty()) {
            if (multipart) {
                return preamble == null ? "" : preamble;
            }
            return text == null ? "" : text;
        }
        if ("multipart/alternative".equals(mediaType)) {
            for (int i = children.size() - 1; i >= 0; i--) {
                String t = children.get(i).text();
                if (!t.trim().isEmpty()) {
                    return t;
                }
            }
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (MailPart child : children) {
            String t = child.text();
            if (!t.isEmpty()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
