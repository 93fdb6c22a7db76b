/** The `camel` command of Camel JBang, run from its jar: what the `camel` launcher script does. */
public class Camel {
    public static void main(String[] args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
