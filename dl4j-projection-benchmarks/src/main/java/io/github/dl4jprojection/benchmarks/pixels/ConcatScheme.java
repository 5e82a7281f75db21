package io.github.dl4jprojection.benchmarks.pixels;

/** The bits of two schemes side by side: {@code first}'s bits, then {@code second}'s. */
final class ConcatScheme implements BitScheme {

    private final BitScheme first;
    private final BitScheme second;
    private final long[] firstBits;
    private final long[] secondBits;
    private final int extraBytes;

    /** @param sharedBytes bytes both schemes count that a model stores once (a shared offset vector) */
    ConcatScheme(BitScheme first, BitScheme second, int sharedBytes) {
        this.first = first;
        this.second = second;
        this.firstBits = new long[(first.numBits() + 63) >>> 6];
        this.secondBits = new long[(second.numBits() + 63) >>> 6];
        this.extraBytes = first.extraBytes() + second.extraBytes() - sharedBytes;
    }

    @Override
    public String name() {
        return first.name() + "+" + second.name();
    }

    @Override
    public int numBits() {
        return first.numBits() + second.numBits();
    }

    @Override
    public int extraBytes() {
        return extraBytes;
    }

    @Override
    public void project(float[] pixels, long[] out) {
        java.util.Arrays.fill(out, 0, (numBits() + 63) >>> 6, 0L);
        first.project(pixels, firstBits);
        second.project(pixels, secondBits);
        PackedBitsCopy.append(firstBits, first.numBits(), out, 0);
        PackedBitsCopy.append(secondBits, second.numBits(), out, first.numBits());
    }
}
