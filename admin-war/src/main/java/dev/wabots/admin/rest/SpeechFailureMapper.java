package dev.wabots.admin.rest;

import dev.wabots.speech.boundary.SpeechFailure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A voice note that could not be made: 503 (engine or ffmpeg unavailable, or busy) or 502, as JSON. */
@Provider
public class SpeechFailureMapper implements ExceptionMapper<SpeechFailure> {

  @Override
  public Response toResponse(SpeechFailure e) {
    Response r = Problem.response(e.status(), e.code(), e.getMessage());
    return e.status() == 503 ? Response.fromResponse(r).header("Retry-After", 30).build() : r;
  }
}
