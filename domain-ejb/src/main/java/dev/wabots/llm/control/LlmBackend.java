package dev.wabots.llm.control;

/**
 * One wire protocol to a model service. Implementations translate the prompt into the service's
 * request, send it through a MicroProfile REST client, and translate the answer or the error.
 */
public interface LlmBackend {

  /**
   * Asks the model.
   *
   * @throws UpstreamFailure when no usable answer came back (classified, key never in the message)
   */
  Completion complete(Target target, Prompt prompt);
}
