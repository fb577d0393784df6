// KubectlError: the ways a kubectl command fails, each rendered as kubectl prints it.
import KubeSim

/// A failed command, rendered on stderr the way kubectl's cobra and `cmdutil.CheckErr` print it.
public enum KubectlError: Error, Equatable {
  /// A flag error from cobra: `Error: unknown flag: --foo` + `See 'kubectl get --help' for usage.`
  case usage(String)
  /// `cmdutil.UsageErrorf`: `error: …` + `See 'kubectl get -h' for help and examples`.
  case usageHint(String)
  /// `cmdutil.CheckErr` of a plain error: `error: …`.
  case message(String)
  /// An error from the apiserver: `Error from server (NotFound): pods "x" not found`.
  case api(reason: String, message: String)
  /// A 422 with causes, as `cmdutil.CheckErr` prints it: `The Deployment "web" is invalid: spec.replicas: …`.
  case invalid(kind: String, name: String, causes: [String])
  /// Text printed as it is (help on stderr, several errors already rendered).
  case raw(String)

  static func from(_ e: APIError) -> KubectlError {
    if e.reason == "Invalid", let d = e.details, let causes = d["causes"]?.arrayValue, !causes.isEmpty {
      var seen: [String] = []
      for c in causes {
        let msg = "\(c["field"]?.stringValue ?? ""): \(c["message"]?.stringValue ?? "")"
        if !seen.contains(msg) { seen.append(msg) }
      }
      return .invalid(kind: d["kind"]?.stringValue ?? "", name: d["name"]?.stringValue ?? "", causes: seen)
    }
    return .api(reason: e.reason, message: e.message)
  }

  /// The text kubectl writes to stderr for this error in `commandPath` (`kubectl get`).
  func render(commandPath: String) -> String {
    switch self {
    case .usage(let m): return "Error: \(m)\nSee '\(commandPath) --help' for usage.\n"
    case .usageHint(let m): return "error: \(m)\nSee '\(commandPath) -h' for help and examples\n"
    case .message(let m): return m.hasSuffix("\n") ? "error: \(m)" : "error: \(m)\n"
    case .api(let reason, let message):
      // kubectl prints `Error from server: …` when the Status has no reason.
      if reason.isEmpty { return "Error from server: \(message)\n" }
      return "Error from server (\(reason)): \(message)\n"
    case .invalid(let kind, let name, let causes):
      let prefix = "The \(kind) \"\(name)\" is invalid: "
      if causes.count == 1 { return prefix + causes[0] + "\n" }
      return prefix + "\n" + causes.map { "* \($0)\n" }.joined()
    case .raw(let t): return t.hasSuffix("\n") || t.isEmpty ? t : t + "\n"
    }
  }
}

/// Lets an APIError be thrown from command code.
extension APIError {
  var kubectl: KubectlError { .from(self) }
}
