package io.github.dl4jprojection.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {

    @Test
    void keepsTheFirstCopyAndDropsConflictingTexts() {
        List<LabeledText> texts = List.of(
                new LabeledText("ham", "hello", "1"),
                new LabeledText("spam", "buy now", "2"),
                new LabeledText("ham", "hello", "3"),
                new LabeledText("ham", "same text, two labels", "4"),
                new LabeledText("spam", "buy now", "5"),
                new LabeledText("spam", "same text, two labels", "6"),
                new LabeledText("ham", "Hello", "7"));
        DuplicateFilter f = DuplicateFilter.apply(texts);
        assertEquals(List.of(texts.get(0), texts.get(1), texts.get(6)), f.kept());
        assertEquals(2, f.duplicatesRemoved());
        assertEquals(2, f.conflictsRemoved());
    }
}
