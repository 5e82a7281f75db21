package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailTextExtractorTest {

    private static String b64(String s, java.nio.charset.Charset cs) {
        return Base64.getMimeEncoder().encodeToString(s.getBytes(cs));
    }

    @Test
    void usesSubjectAndBodyAndDropsOtherHeaders() {
        String mail = "From someone@example.com  Thu Aug 22 12:36:23 2002\n"
                + "Received: from x by y\n\twith SMTP\n"
                + "Subject: Meeting\n  on Tuesday\n"
                + "From: Alice <alice@example.com>\n"
                + "\n"
                + "Hi Bob,\n\n  see you   there.\n";
        assertEquals("Meeting on Tuesday Hi Bob, see you there.", MailTextExtractor.extract(mail));
    }

    @Test
    void handlesCrlfMissingSubjectAndHeaderOnlyMessages() {
        assertEquals("body text", MailTextExtractor.extract("To: x@y\r\n\r\nbody\r\ntext\r\n"));
        assertEquals("only a subject", MailTextExtractor.extract("Subject: only a subject"));
        assertEquals("", MailTextExtractor.extract(""));
        assertThrows(IllegalArgumentException.class, () -> MailTextExtractor.extract(null));
    }

    @Test
    void decodesEncodedWordsInTheSubject() {
        assertEquals("élègant x", MailTextExtractor.extract("Subject: =?utf-8?B?w6lsw6hnYW50?= x\n\n"));
        assertEquals("un café crème", MailTextExtractor.extract("Subject: un =?iso-8859-1?Q?caf=E9_cr=E8me?=\n\n"));
        // White space between two encoded words disappears; around plain words it stays.
        assertEquals("ab c", MailTextExtractor.extract("Subject: =?us-ascii?Q?a?=  =?us-ascii?Q?b?= c\n\n"));
        // A malformed encoded word is kept as written.
        assertEquals("=?bogus?X?abc?=", MailTextExtractor.extract("Subject: =?bogus?X?abc?=\n\n"));
    }

    @Test
    void decodesQuotedPrintableAndBase64WithTheirCharsets() {
        String qp = "Subject: s\nContent-Type: text/plain; charset=\"iso-8859-1\"\n"
                + "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9 soft=\nbreak =3D equal =ZZ kept\n";
        assertEquals("s café softbreak = equal =ZZ kept", MailTextExtractor.extract(qp));
        String koi8 = "Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: base64\n\n"
                + b64("Привет, мир", java.nio.charset.Charset.forName("KOI8-R")) + "\n";
        assertEquals("Привет, мир", MailTextExtractor.extract(koi8));
    }

    @Test
    void guessesUtf8OrWindows1252WhenTheCharsetIsMissingOrUnknown() {
        String utf8 = "Content-Transfer-Encoding: base64\n\n" + b64("naïve ☺", StandardCharsets.UTF_8);
        assertEquals("naïve ☺", MailTextExtractor.extract(utf8));
        String cp1252 = "Content-Type: text/plain; charset=x-unknown-charset\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n=93quoted=94 =80 5\n";
        assertEquals("\u201Cquoted\u201D \u20AC 5", MailTextExtractor.extract(cp1252));
    }

    @Test
    void reducesHtmlToItsVisibleText() {
        String html = "Content-Type: text/html\n\n<html><head><style>p { color: red }</style><title>Offer</title></head>"
                + "<body><p>V<b>i</b>agra &amp; more&nbsp;now<br>next line<!-- hidden comment -->"
                + "<script type=\"text/javascript\">alert('x')</script>&#233;t&#xE9; &unknown; 3 &lt; 4 a<5</p>"
                + "</body></html>";
        assertEquals("Offer Viagra & more now next line été &unknown; 3 < 4 a<5",
                MailTextExtractor.extract(html));
    }

    @Test
    void prefersTheLastNonBlankAlternative() {
        String mail = "Subject: alt\nContent-Type: multipart/alternative; boundary=\"XX\"\n\n"
                + "preamble is ignored\n"
                + "--XX\nContent-Type: text/plain\n\nplain version\n"
                + "--XX\nContent-Type: text/html\n\n<p>html <i>version</i></p>\n"
                + "--XX\nContent-Type: text/html\n\n   \n"
                + "--XX--\nepilogue is ignored\n";
        assertEquals("alt html version", MailTextExtractor.extract(mail));
    }

    @Test
    void mixedMultipartsKeepTheirTextPartsOnly() {
        String mail = "Subject: report\nContent-Type: multipart/mixed; boundary=b1\n\n"
                + "--b1\n\nfirst part, no headers\n"
                + "--b1\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n"
                + "--b1\nContent-Type: multipart/alternative; boundary=\"b2\"\n\n"
                + "--b2\nContent-Type: text/plain\n\nnested plain\n--b2--\n"
                + "--b1\nContent-Type: message/rfc822\n\nSubject: forwarded\n\nforwarded body\n"
                + "--b1\nContent-Type: application/pdf\n\n%PDF-1.4 binary\n"
                + "--b1--\n";
        assertEquals("report first part, no headers nested plain forwarded forwarded body",
                MailTextExtractor.extract(mail));
    }

    @Test
    void multipartWithoutItsBoundaryIsReadAsText() {
        assertEquals("no boundary here", MailTextExtractor.extract(
                "Content-Type: multipart/mixed; boundary=zz\n\nno boundary here\n"));
        assertEquals("no parameter", MailTextExtractor.extract("Content-Type: multipart/mixed\n\nno parameter\n"));
        // A truncated message without the close delimiter keeps its last part.
        assertEquals("cut off", MailTextExtractor.extract(
                "Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: text/plain\n\ncut off"));
    }

    @Test
    void deepNestingIsBounded() {
        StringBuilder sb = new StringBuilder();
        int depth = 60;
        for (int i = 0; i < depth; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\n\n--b").append(i).append('\n');
        }
        sb.append("Content-Type: text/plain\n\ndeep text\n");
        String text = MailTextExtractor.extract(sb.toString());
        assertTrue(text.isEmpty(), "text below the depth limit is ignored: '" + text + "'");
        assertEquals("shallow text", MailTextExtractor.extract(
                "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=c\n\n"
                        + "--c\n\nshallow text\n--c--\n--a--\n"));
    }

    @Test
    void unencodedNonAsciiSubjectAndBodyAreKeptAsWritten() {
        assertEquals("café crème naïve ☺", MailTextExtractor.extract("Subject: café\n crème\n\nnaïve ☺\n"));
    }

    @Test
    void collapsesAllKindsOfWhiteSpace() {
        assertEquals("a b c d", MailTextExtractor.collapseWhitespace(" \t a\u00A0\u00A0b\r\n\nc \u2007 d \n"));
    }
}
