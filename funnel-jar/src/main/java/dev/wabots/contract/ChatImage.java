package dev.wabots.contract;

/**
 * A photo that goes with a customer's turn to an AI that takes images.
 *
 * @param mimeType {@code image/jpeg}, {@code image/png} or {@code image/webp}
 * @param dataBase64 the bytes in base64
 */
public record ChatImage(String mimeType, String dataBase64) {}
