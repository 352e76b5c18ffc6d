package dev.wabots.sandbox.control;

/** A patch of Meta's OpenAPI document no longer fits the file: loading the schema stops. */
public class SpecPatchException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  SpecPatchException(SpecPatch patch, String why) {
    super("Meta spec patch failed: " + patch + ": " + why);
  }
}
