package io.openwaba.media;

import io.openwaba.shared.RandomIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Media files under {@code <data-dir>/media}: written to a temporary file first, moved into
 * place once complete, so a failed or refused upload leaves nothing behind.
 */
final class DiskMediaStorage implements MediaStorage {

    private final Path root;

    DiskMediaStorage(Path root) {
        this.root = root;
    }

    @Override
    public Stored store(InputStream content, long maxBytes) throws IOException {
        Files.createDirectories(root.resolve("tmp"));
        var key = RandomIds.timeOrdered("m", 23);
        var temporary = root.resolve("tmp").resolve(key);
        var digest = sha256();
        long size = 0;
        try (var in = new DigestInputStream(content, digest); var out = Files.newOutputStream(temporary)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                size += read;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        var target = path(key);
        Files.createDirectories(target.getParent());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        return new Stored(key, size, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    /** Spread over subdirectories by the key's time part, so no directory grows without bound. */
    private Path path(String key) {
        if (!key.matches("m[0-9A-Za-z]{23}")) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return root.resolve(key.substring(1, 6)).resolve(key);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
