package org.newplos.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.web.multipart.MultipartFile;

/** Opens an uploaded CSV file (or one given to {@code newplos import}) as strict UTF-8 text. */
public final class CsvUpload {

    private CsvUpload() {}

    /** Runs {@code importer} on the file, or reports why the file cannot be read. */
    public static ImportReport read(MultipartFile file, Importer importer) {
        if (file == null || file.isEmpty()) {
            return ImportReport.fileProblem("Choose a CSV file to import.");
        }
        try {
            return read(file.getInputStream(), importer);
        } catch (IOException e) {
            return ImportReport.fileProblem("The file could not be read: " + e.getMessage());
        }
    }

    /** Runs {@code importer} on the bytes, or reports why they cannot be read as UTF-8 text. */
    public static ImportReport read(InputStream bytes, Importer importer) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader in = new java.io.BufferedReader(new InputStreamReader(bytes, decoder))) {
            return importer.run(in);
        } catch (CharacterCodingException e) {
            return ImportReport.fileProblem("The file is not UTF-8 text; save it as \"CSV UTF-8\" and try again.");
        } catch (IOException e) {
            return ImportReport.fileProblem("The file could not be read: " + e.getMessage());
        }
    }

    /** One feature's import. */
    @FunctionalInterface
    public interface Importer {
        ImportReport run(Reader csv) throws IOException;
    }
}
