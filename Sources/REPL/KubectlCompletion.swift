// KubectlCompletion: Tab for kubectl — commands, subcommands, flags, resource types (short names
// too), live object and node names, output formats, and file paths after -f.
// Names come from the simulator's own view, so pressing Tab sends no request.
import Foundation
import KubeSim
import Kubectl

enum KubectlCompletion {
  static let commandsWithSubcommands: Set<String> = [
    "rollout", "create", "set", "config", "auth", "top", "apply", "certificate", "plugin",
  ]
  static let nodeCommands: Set<String> = ["cordon", "uncordon", "drain"]
  static let podCommands: Set<String> = ["logs", "exec", "attach", "port-forward", "cp"]
  static let outputFormats = ["wide", "yaml", "json", "name", "jsonpath=", "custom-columns=", "jsonpath-as-json="]

  static func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    let before = Array(args.dropLast())
    // Words that are not flags (or flag values) make the command path and positionals.
    var positionals: [String] = []
    var namespace = session.kubectlRunner.contextNamespace
    var i = 0
    var path = ""
    while i < before.count {
      let w = before[i]
      if w.hasPrefix("-") {
        let takesValue = !w.contains("=") && KubectlRunner.flagTakesValue(w, for: path)
        if (w == "-n" || w == "--namespace"), i + 1 < before.count { namespace = before[i + 1] }
        if w.hasPrefix("--namespace=") { namespace = String(w.dropFirst("--namespace=".count)) }
        if takesValue { i += 1 }
      } else if path.isEmpty {
        path = w
      } else if positionals.isEmpty
        && commandsWithSubcommands.contains(path.split(separator: " ").first.map(String.init) ?? "")
        && KubectlRunner.subcommands(of: path).contains(w) && !path.contains(" ")
      {
        path += " " + w
      } else {
        positionals.append(w)
      }
      i += 1
    }
    let previous = before.last ?? ""
    if path.isEmpty {
      return (KubectlRunner.commands + ["help"]).filter { $0.hasPrefix(word) }
    }
    // A flag's value.
    if previous.hasPrefix("-") && !previous.contains("=") && KubectlRunner.flagTakesValue(previous, for: path) {
      switch previous {
      case "-n", "--namespace": return names("namespaces", "", session).filter { $0.hasPrefix(word) }
      case "-f", "--filename": return FileCompletion.complete(word, workingDirectory: session.options.workingDirectory)
      case "-o", "--output": return outputFormats.filter { $0.hasPrefix(word) }
      case "-c", "--container": return containers(positionals.first, namespace, session).filter { $0.hasPrefix(word) }
      default: return []
      }
    }
    if word.hasPrefix("-") {
      return KubectlRunner.flags(for: path).filter { $0.hasPrefix(word) }
    }
    let top = String(path.split(separator: " ").first ?? "")
    if KubectlRunner.subcommands(of: path).count > 0 && positionals.isEmpty && !path.contains(" ") {
      return KubectlRunner.subcommands(of: path).filter { $0.hasPrefix(word) }
    }
    if nodeCommands.contains(top) || (top == "taint" && positionals.count >= 1) || path == "top node" {
      return names("nodes", "", session).filter { $0.hasPrefix(word) }
    }
    if podCommands.contains(top) && positionals.isEmpty {
      return names("pods", namespace, session).filter { $0.hasPrefix(word) }
    }
    // TYPE/NAME
    if let slash = word.firstIndex(of: "/") {
      let type = String(word[..<slash])
      return names(type, namespace, session).map { "\(type)/\($0)" }.filter { $0.hasPrefix(word) }
    }
    if positionals.isEmpty {
      return KubectlRunner.resourceTypeNames.filter { $0.hasPrefix(word) }
    }
    // After a type: names of that type.
    let type = positionals[0]
    guard !type.contains("/") else { return [] }
    return names(type, namespace, session).filter { $0.hasPrefix(word) }
  }

  /// Names of the live objects of a type, read from the simulator's view (no request).
  static func names(_ type: String, _ namespace: String, _ session: Session) -> [String] {
    guard let t = KindRegistry.resolve(type.split(separator: ",").last.map(String.init) ?? type) else { return [] }
    return session.cluster.peekAll(t.resource, namespace: t.resource.namespaced ? namespace : "")
      .map(\.metadata.name).sorted()
  }

  static func containers(_ pod: String?, _ namespace: String, _ session: Session) -> [String] {
    guard let pod, let p = session.cluster.peek(Pod.resource, namespace: namespace, name: pod) as? Pod else {
      return []
    }
    return p.spec.allContainers.map(\.name)
  }
}

/// File paths for `-f`, relative to the working directory.
enum FileCompletion {
  static func complete(_ word: String, workingDirectory: String) -> [String] {
    let fm = FileManager.default
    let (dirPart, prefix): (String, String) = {
      if let slash = word.lastIndex(of: "/") {
        return (String(word[...slash]), String(word[word.index(after: slash)...]))
      }
      return ("", word)
    }()
    let base = dirPart.hasPrefix("/") ? dirPart : workingDirectory + "/" + dirPart
    guard let entries = try? fm.contentsOfDirectory(atPath: base.isEmpty ? "." : base) else { return [] }
    return entries.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.sorted().map {
      var isDir: ObjCBool = false
      _ = fm.fileExists(atPath: base + $0, isDirectory: &isDir)
      return dirPart + $0 + (isDir.boolValue ? "/" : "")
    }
  }
}
