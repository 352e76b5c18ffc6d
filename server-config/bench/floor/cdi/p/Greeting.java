package p;

/** The one bean of the CDI variant. */
@jakarta.enterprise.context.ApplicationScoped
public class Greeting {
  public String text() {
    return "ok";
  }
}
