package io.github.dl4jprojection.data.text;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Commons Compress's tar reader with the header checksum verified. The library only uses the checksum to
 * recognise the format, so without this a flipped bit in a header silently renames or resizes an entry
 * instead of reporting a damaged archive.
 */
final class CheckedTarInputStream extends TarArchiveInputStream {

    CheckedTarInputStream(InputStream in) {
        super(in);
    }

    /** Every record read this way is a header (entry data is read separately); all-zero records end the archive. */
    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        if (record != null && !isEOFRecord(record) && !TarUtils.verifyCheckSum(record)) {
            throw new IOException("bad header checksum at byte " + (getBytesRead() - record.length));
        }
        return record;
    }
}
