// SSHCommand: `ssh NODE crictl ps|pods|images|logs` and `ssh NODE iptables-save` — what a learner
// sees after logging in to a node. These read the node directly (no message: nothing crosses the
// cluster's edges when you look at a machine you are logged in to).
import KubeSim
import Kubectl

struct SSHCommand: REPLCommand {
  let name = "ssh"
  let group = CommandGroup.inside
  let summary = "Look at a node as if logged in: crictl (the runtime), iptables-save (kube-proxy's rules)"
  let usage = """
    Usage: ssh NODE crictl ps [-a]           containers (CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID POD NAMESPACE)
           ssh NODE crictl pods              pod sandboxes
           ssh NODE crictl images            images on the node
           ssh NODE crictl logs CONTAINER-ID a container's log (an ID prefix is enough)
           ssh NODE iptables-save [-t nat|filter]   the rules kube-proxy programmed
           ssh NODE systemctl status kubelet|containerd   is the kubelet (the runtime) running?

    Examples:
      ssh node-1 crictl ps
      ssh node-1 iptables-save -t nat
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard let nodeName = args.first else {
      out.error("error: ssh needs a node name (see `help ssh`)")
      return false
    }
    guard let node = session.cluster.node(nodeName) else {
      out.error("ssh: Could not resolve hostname \(nodeName): Name or service not known")
      return false
    }
    var rest = Array(args.dropFirst())
    if rest.first == "sudo" { rest.removeFirst() }
    guard let tool = rest.first else {
      out.error("error: kubelab's ssh runs one command: crictl, iptables-save or systemctl (see `help ssh`)")
      return false
    }
    let toolArgs = Array(rest.dropFirst())
    switch tool {
    case "crictl": return crictl(toolArgs, node, session, out)
    case "iptables-save":
      var table: String? = nil
      if let i = toolArgs.firstIndex(where: { $0 == "-t" || $0 == "--table" }), i + 1 < toolArgs.count {
        table = toolArgs[i + 1]
      }
      out.write(node.proxy.iptablesSave(table: table))
      return true
    case "systemctl":
      guard toolArgs.count >= 2, toolArgs[0] == "status" else {
        out.error("error: only `systemctl status kubelet|containerd` is simulated")
        return false
      }
      let unit = toolArgs[1].hasSuffix(".service") ? String(toolArgs[1].dropLast(8)) : toolArgs[1]
      let active: Bool
      switch unit {
      case "kubelet":
        active = node.kubelet.running
        out.line("● kubelet.service - kubelet: The Kubernetes Node Agent")
        out.line("     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)")
      case "containerd":
        // Simulation: the container runtime never stops.
        active = true
        out.line("● containerd.service - containerd container runtime")
        out.line("     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)")
      default:
        out.error("Unit \(unit).service could not be found.")
        return false
      }
      out.line(active ? "     Active: active (running)" : "     Active: inactive (dead)")
      return active
    default:
      out.error(
        "bash: line 1: \(tool): command not found (kubelab simulates crictl, iptables-save and systemctl on nodes)")
      return false
    }
  }

  private func crictl(_ args: [String], _ node: Cluster.NodeHost, _ session: Session, _ out: OutputSink) -> Bool {
    let runtime = node.runtime
    let now = session.cluster.context.now
    let writer = TabWriter(minWidth: 20, padding: 3)
    func trunc(_ id: String) -> String {
      let bare = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
      return String(bare.prefix(13))
    }
    func ago(_ t: Time) -> String { GoUnits.humanDuration(t.seconds(until: now)) + " ago" }
    switch args.first {
    case "ps":
      let all = args.contains("-a") || args.contains("--all")
      let sandboxes = Dictionary(uniqueKeysWithValues: runtime.listPodSandbox().map { ($0.id, $0) })
      // crictl v1.32: IMAGE is the image id the kubelet created the container from, truncated like the
      // other ids; NAMESPACE is the pod's.
      var imageIDs: [String: String] = [:]
      for img in runtime.listImages() { for tag in img.repoTags where imageIDs[tag] == nil { imageIDs[tag] = img.id } }
      var text = "CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD\tNAMESPACE\n"
      let containers = runtime.listContainers().filter { all || $0.state == .running }
        .sorted { $0.createdAt > $1.createdAt }
      for c in containers {
        let sandbox = sandboxes[c.podSandboxId]?.metadata
        text +=
          "\(trunc(c.id))\t\(trunc(imageIDs[c.image] ?? c.imageRef))\t\(ago(c.createdAt))\t\(c.state.crictlName)\t\(c.metadata.name)\t\(c.metadata.attempt)\t\(trunc(c.podSandboxId))\t\(sandbox?.name ?? "unknown")\t\(sandbox?.namespace ?? "unknown")\n"
      }
      out.write(writer.format(text))
      return true
    case "pods":
      var text = "POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME\n"
      for p in runtime.listPodSandbox().sorted(by: { $0.createdAt > $1.createdAt }) {
        text +=
          "\(trunc(p.id))\t\(ago(p.createdAt))\t\(p.state == .ready ? "Ready" : "NotReady")\t\(p.metadata.name)\t\(p.metadata.namespace)\t\(p.metadata.attempt)\t(default)\n"
      }
      out.write(writer.format(text))
      return true
    case "images":
      var text = "IMAGE\tTAG\tIMAGE ID\tSIZE\n"
      for img in runtime.listImages() {
        for tag in img.repoTags {
          let (repo, t) = Self.splitTag(tag)
          text += "\(repo)\t\(t)\t\(trunc(img.id))\t\(GoUnits.humanSize(img.size))\n"
        }
      }
      out.write(writer.format(text))
      return true
    case "logs":
      guard let id = args.dropFirst().first(where: { !$0.hasPrefix("-") }) else {
        out.error("crictl logs: ID cannot be empty")
        return false
      }
      let matches = runtime.allContainers.filter { $0.id.hasPrefix(id) }
      guard matches.count == 1, let c = matches.first else {
        out.error(
          matches.isEmpty
            ? "E0101 00:00:00.000000 crictl logs: an error occurred when try to find container \"\(id)\": not found"
            : "crictl logs: container ID \"\(id)\" is ambiguous")
        return false
      }
      var tail: Int? = nil
      if let i = args.firstIndex(of: "--tail"), i + 1 < args.count { tail = Int(args[i + 1]) }
      out.write(runtime.containerLog(c.id, tail: tail) ?? "")
      return true
    default:
      out.error(
        "crictl: kubelab simulates `crictl ps [-a]`, `crictl pods`, `crictl images` and `crictl logs ID` (see `help ssh`)"
      )
      return false
    }
  }

  static func splitTag(_ ref: String) -> (String, String) {
    if let colon = ref.lastIndex(of: ":"), !ref[ref.index(after: colon)...].contains("/") {
      return (String(ref[..<colon]), String(ref[ref.index(after: colon)...]))
    }
    return (ref, "latest")
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    switch args.count {
    case 1: return session.cluster.nodes.map(\.name).filter { $0.hasPrefix(word) }
    case 2: return ["crictl", "iptables-save", "systemctl"].filter { $0.hasPrefix(word) }
    case 3 where args[1] == "crictl": return ["ps", "pods", "images", "logs"].filter { $0.hasPrefix(word) }
    case 4 where args[1] == "crictl" && args[2] == "logs":
      guard let node = session.cluster.node(args[0]) else { return [] }
      return node.runtime.allContainers.map { String($0.id.prefix(13)) }.filter { $0.hasPrefix(word) }
    default: return []
    }
  }
}

/// docker/go-units' HumanDuration and HumanSize, which crictl prints.
enum GoUnits {
  static func humanDuration(_ seconds: Int64) -> String {
    if seconds < 1 { return "Less than a second" }
    if seconds == 1 { return "1 second" }
    if seconds < 60 { return "\(seconds) seconds" }
    let minutes = seconds / 60
    if minutes == 1 { return "About a minute" }
    if minutes < 60 { return "\(minutes) minutes" }
    let hours = Int64((Double(seconds) / 3600 + 0.5).rounded(.down))
    if hours == 1 { return "About an hour" }
    if hours < 48 { return "\(hours) hours" }
    if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
    if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
    if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
    return "\(seconds / 3600 / 24 / 365) years"
  }

  /// `44.4MB`: decimal units with up to four significant digits, as go-units' HumanSize.
  static func humanSize(_ bytes: Int64) -> String {
    let units = ["B", "kB", "MB", "GB", "TB", "PB"]
    var v = Double(bytes)
    var i = 0
    while v >= 1000 && i < units.count - 1 {
      v /= 1000
      i += 1
    }
    var s = String(format4(v))
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    return s + units[i]
  }

  /// `%.4g`
  private static func format4(_ v: Double) -> String {
    if v >= 1000 { return String(Int(v.rounded())) }
    let digits = v >= 100 ? 1 : v >= 10 ? 2 : 3
    let p = Double([1, 10, 100, 1000][digits])
    let r = (v * p).rounded() / p
    return String(r)
  }
}

extension CRI.ContainerState {
  var crictlName: String {
    switch self {
    case .created: return "Created"
    case .running: return "Running"
    case .exited: return "Exited"
    default: return "Unknown"
    }
  }
}
