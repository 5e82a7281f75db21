package io.github.dl4jprojection.data.text;

/** One message of the corpus as stored: its group (folder), id within the group and full text with headers. */
final class RawMail {

    final String group;
    final String id;
    final String text;

    RawMail(String group, String id, String text) {
        this.group = group;
        this.id = id;
        this.text = text;
    }

    /** {@code group/id}, e.g. {@code spam-2/00006}. */
    String source() {
        return group + "/" + id;
    }
}
