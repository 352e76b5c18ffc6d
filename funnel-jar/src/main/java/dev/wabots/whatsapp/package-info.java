/**
 * The WhatsApp Cloud API as typed values: outbound messages that check every documented limit
 * when built and serialise to the exact request JSON ({@link dev.wabots.whatsapp.CloudApiRequest}),
 * the webhook parser with its typed events ({@link dev.wabots.whatsapp.WebhookParser}), small
 * value types ({@link dev.wabots.whatsapp.PhoneNumber}, {@link dev.wabots.whatsapp.ReplyId}) and
 * the {@link dev.wabots.whatsapp.TextSplitter} for long text. Lengths are Unicode code points.
 */
package dev.wabots.whatsapp;
