// ReadOnlyCommands: which console commands only read the cluster — the only ones a lesson's check
// may run (checks run after every command the learner types, muted, and are never replayed).
import Foundation

public enum ReadOnlyCommands {
  /// What a check may run, for problem messages.
  public static let summary =
    "kubectl get, describe, logs, top, auth can-i, api-resources …, etcdctl, messages, diagram, status,"
    + " explain, ssh NODE crictl|iptables-save|systemctl status, dashboard"

  /// kubectl commands that only read (a path of words: `auth can-i`, `rollout status`).
  static let kubectlReads: Set<String> = [
    "get", "describe", "logs", "top", "events", "explain", "api-resources", "api-versions", "version",
    "cluster-info", "auth can-i", "auth whoami", "rollout status", "rollout history", "config view",
    "config current-context", "config get-contexts", "options", "help",
  ]

  /// kubectl flags that take a value in the next word (`-n kube-system get pods`).
  static let kubectlValueFlags: Set<String> = [
    "-n", "--namespace", "--as", "--as-group", "--as-uid", "--context", "--cluster", "--user", "--kubeconfig",
    "-s", "--server", "--request-timeout", "--token", "-v", "--v", "-o", "--output", "-l", "--selector",
  ]

  /// Console commands that only read, whatever their arguments.
  static let consoleReads: Set<String> = [
    "etcdctl", "messages", "msgs", "diagram", "status", "explain", "dashboard",
  ]

  /// nil when `line` only reads the cluster; otherwise what changes it (`kubectl apply`, `step`).
  public static func writer(_ line: String) -> String? {
    let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard let name = words.first else { return nil }
    let args = Array(words.dropFirst())
    switch name {
    case _ where consoleReads.contains(name): return nil
    case "kubectl", "k":
      let path = kubectlPath(args)
      if path.isEmpty { return nil }  // `kubectl` alone prints its help
      let first = path[0]
      let two = path.count > 1 ? "\(first) \(path[1])" : first
      if kubectlReads.contains(first) || kubectlReads.contains(two) { return nil }
      return "kubectl " + (["auth", "rollout", "config", "create", "set", "top"].contains(first) ? two : first)
    case "ssh":
      var rest = Array(args.dropFirst())
      if rest.first == "sudo" { rest.removeFirst() }
      switch rest.first {
      case "crictl", "iptables-save": return nil
      case "systemctl" where rest.dropFirst().first == "status": return nil
      default: return (["ssh NODE"] + rest.prefix(2)).joined(separator: " ")
      }
    default:
      return name
    }
  }

  /// The command words of a kubectl invocation: `-n x auth can-i list pods` → `auth`, `can-i`, …
  static func kubectlPath(_ args: [String]) -> [String] {
    var path: [String] = []
    var i = 0
    while i < args.count {
      let a = args[i]
      i += 1
      if a.hasPrefix("-") {
        if !a.contains("="), kubectlValueFlags.contains(a) { i += 1 }
        continue
      }
      path.append(a)
      if path.count == 2 { break }
    }
    return path
  }
}
