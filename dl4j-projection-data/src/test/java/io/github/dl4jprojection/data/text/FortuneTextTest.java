package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FortuneTextTest {

    @Test
    void overstrikesAreResolvedAndControlCharactersRemoved() {
        assertEquals("An interpretation I satisfies", FortuneText.clean("An interpretation _\bI satisfies\n"));
        assertEquals("Calm down, it's *only* ones", FortuneText.clean("Calm down, it's *____\b\b\b\bonly* ones\n"));
        assertEquals("Ask not for whom the <CONTROL-G> tolls.", FortuneText.clean("Ask not for whom the <CONTROL-G>\u0007 tolls."));
        // A backspace never joins two lines.
        assertEquals("a b", FortuneText.clean("a\n\bb"));
    }

    @Test
    void theLastIndentedAttributionAndItsContinuationAreRemoved() {
        assertEquals("A father doesn't destroy his children.", FortuneText.clean(
                "A father doesn't destroy his children.\n\t\t-- Lt. Carolyn Palamas, \"Who Mourns for Adonais?\",\n"
                        + "\t\t   stardate 3468.1.\n\n"));
        assertEquals("The human mind ordinarily operates at only ten percent of its capacity -- the rest is overhead "
                + "for the operating system.", FortuneText.clean("The human mind ordinarily operates at only ten "
                + "percent of its capacity\n-- the rest is overhead for the operating system.\n\t\t-- Nicholas Ambrose\n"));
    }

    @Test
    void dashesThatAreNotAnAttributionStay() {
        // Unindented: a sentence that goes on after a line break.
        assertEquals("I kid you not -- so that", FortuneText.clean("I kid you not\n-- so that\n"));
        // Not the last lines: the body goes on unindented after it.
        assertEquals("x -- y z", FortuneText.clean("x\n   -- y\nz\n"));
        // A rule of dashes, and an entry that is nothing but an attribution.
        assertEquals("a ----", FortuneText.clean("a\n    ----\n"));
        assertEquals("-- Anonymous", FortuneText.clean("\t-- Anonymous\n"));
    }

    @Test
    void blankEntriesAreEmptyAndWhiteSpaceCollapses() {
        assertEquals("", FortuneText.clean(" \n\t\n"));
        assertEquals("one two three", FortuneText.clean("  one\n\ttwo   three\n"));
    }
}
