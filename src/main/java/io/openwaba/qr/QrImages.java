package io.openwaba.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR code images of a deep link, as PNG or SVG. */
final class QrImages {

    private static final int SIZE = 512;

    private QrImages() {
    }

    static byte[] png(String text) {
        var matrix = matrix(text);
        var image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One square per dark module, on a white background, in the matrix's own coordinates. */
    static String svg(String text) {
        var modules = QR_WRITER.encodeModules(text);
        var out = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(modules.getWidth()).append(' ').append(modules.getHeight())
                .append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    out.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return out.append("\"/></svg>").toString();
    }

    private static BitMatrix matrix(String text) {
        return QR_WRITER.encode(text, SIZE);
    }

    private static final Writer QR_WRITER = new Writer();

    /** ZXing's writer with a quiet zone of 4 modules and medium error correction. */
    private static final class Writer {
        private final QRCodeWriter writer = new QRCodeWriter();
        private final Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.MARGIN, 4,
                EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8");

        BitMatrix encode(String text, int size) {
            try {
                return writer.encode(text, BarcodeFormat.QR_CODE, size, size, hints);
            } catch (WriterException e) {
                throw new IllegalArgumentException("cannot encode " + text + " as a QR code", e);
            }
        }

        /** One bit per module, quiet zone included. */
        BitMatrix encodeModules(String text) {
            return encode(text, 1);
        }
    }
}
