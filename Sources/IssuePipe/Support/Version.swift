/// The tool's version, also recorded in reports so a batch can tell which
/// outputs an older release wrote.
public enum IssuePipeVersion {
    public static let string = "0.1.0"
}
