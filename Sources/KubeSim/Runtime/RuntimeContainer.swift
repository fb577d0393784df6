// RuntimeContainer and Sandbox: one container (its process, filesystem and log) and one pod
// sandbox (its network namespace and IP) as containerd keeps them.

/// A pod sandbox: the pause container holding the pod's network namespace.
public final class Sandbox {
  public let id: String
  public let config: CRI.PodSandboxConfig
  public internal(set) var state: CRI.SandboxState = .ready
  public let createdAt: Time
  /// The pod IP (the node IP for host-network pods).
  public internal(set) var ip: String
  /// Containers created in this sandbox, oldest first.
  var containerIDs: [String] = []

  init(id: String, config: CRI.PodSandboxConfig, createdAt: Time, ip: String) {
    self.id = id
    self.config = config
    self.createdAt = createdAt
    self.ip = ip
  }
}

/// One log line with the time it was written (`kubectl logs --timestamps`).
public struct LogLine: Sendable, Hashable {
  public var time: Time
  public var text: String
}

/// A container: its configuration, its process and what it left behind.
public final class RuntimeContainer {
  public let id: String
  public let sandbox: Sandbox
  public let config: CRI.ContainerConfig
  public let image: ImageInfo
  public internal(set) var state: CRI.ContainerState = .created
  public let createdAt: Time
  public internal(set) var startedAt: Time? = nil
  public internal(set) var finishedAt: Time? = nil
  public internal(set) var exitCode: Int32 = 0
  public internal(set) var reason = ""
  public internal(set) var message = ""
  /// The container log (stdout and stderr), bounded like the kubelet's log rotation.
  public internal(set) var log: [LogLine] = []
  /// The container's writable filesystem: path → content.
  var files: [String: String] = [:]
  var directories: Set<String> = ["/", "/tmp", "/etc", "/var", "/root", "/usr", "/bin", "/dev", "/proc"]
  var program: Program? = nil
  /// A partial line written without its newline yet.
  private var partialLine = ""
  /// Set while a StopContainer waits for the process to exit.
  var stopDeadline: Int64? = nil
  var stopCompletion: ((Result<Void, CRI.RuntimeError>) -> Void)? = nil
  /// How many requests the program answered (varies its memory use a little).
  var requestsServed = 0
  unowned let runtime: ContainerRuntime

  /// Lines kept per container (the kubelet rotates container logs at 10 MiB).
  static let maxLogLines = 5000

  init(
    id: String, sandbox: Sandbox, config: CRI.ContainerConfig, image: ImageInfo, createdAt: Time,
    runtime: ContainerRuntime
  ) {
    self.id = id
    self.sandbox = sandbox
    self.config = config
    self.image = image
    self.createdAt = createdAt
    self.runtime = runtime
    for f in config.files {
      files[f.path] = f.content
      var dir = f.path
      while let slash = dir.lastIndex(of: "/"), slash != dir.startIndex {
        dir = String(dir[..<slash])
        directories.insert(dir)
      }
    }
    files["/etc/hostname"] = sandbox.config.hostname + "\n"
    if files["/etc/resolv.conf"] == nil {
      files["/etc/resolv.conf"] = runtime.resolvConf(for: sandbox) + "\n"
    }
  }

  var now: Time { runtime.context.now }

  // MARK: - What programs do

  /// Writes one line to the container log.
  func log(_ line: String) {
    appendLog(LogLine(time: now, text: line))
  }

  /// Writes raw output: complete lines go to the log, a trailing partial line waits.
  func write(_ text: String) {
    guard !text.isEmpty else { return }
    var buf = partialLine + text
    partialLine = ""
    while let nl = buf.firstIndex(of: "\n") {
      appendLog(LogLine(time: now, text: String(buf[..<nl])))
      buf = String(buf[buf.index(after: nl)...])
    }
    partialLine = buf
  }

  private func appendLog(_ l: LogLine) {
    log.append(l)
    if log.count > Self.maxLogLines { log.removeFirst(log.count - Self.maxLogLines) }
  }

  /// The process ended with `code`. The reason is containerd's: Completed, Error or OOMKilled.
  func exit(_ code: Int32, reason: String? = nil) {
    guard state == .running else { return }
    if !partialLine.isEmpty {
      appendLog(LogLine(time: now, text: partialLine))
      partialLine = ""
    }
    state = .exited
    exitCode = code
    finishedAt = now
    self.reason = reason ?? (code == 0 ? "Completed" : "Error")
    runtime.containerExited(self)
  }

  /// The log as `kubectl logs` prints it.
  func logText(tail: Int? = nil, timestamps: Bool = false) -> String {
    var lines = log[...]
    if let tail, tail >= 0 { lines = lines.suffix(tail) }
    return lines.map { (timestamps ? $0.time.rfc3339Micro.replacingMicroWithNano + " " : "") + $0.text + "\n" }.joined()
  }

  /// The CRI status of this container.
  var status: CRI.ContainerStatus {
    CRI.ContainerStatus(
      id: id, metadata: config.metadata, state: state, createdAt: createdAt, startedAt: startedAt,
      finishedAt: finishedAt, exitCode: exitCode, image: image.name.normalized, imageRef: image.repoDigest,
      reason: state == .exited ? reason : "", message: message, labels: config.labels, logPath: config.logPath)
  }
}

extension String {
  /// `…05.000000Z` → `…05.000000000Z` (kubectl prints RFC 3339 with nanoseconds).
  fileprivate var replacingMicroWithNano: String { hasSuffix("Z") ? String(dropLast()) + "000Z" : self }
}

extension RuntimeContainer: ShellHost {
  var hostname: String { sandbox.config.hostname }

  var environment: [(String, String)] {
    var env: [(String, String)] = [("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")]
    env.append(("HOSTNAME", sandbox.config.hostname))
    for kv in config.envs {
      if let i = env.firstIndex(where: { $0.0 == kv.key }) {
        env[i].1 = kv.value
      } else {
        env.append((kv.key, kv.value))
      }
    }
    for (k, v) in image.env where !env.contains(where: { $0.0 == k }) { env.append((k, v)) }
    if !env.contains(where: { $0.0 == "HOME" }) { env.append(("HOME", "/root")) }
    return env
  }

  var busybox: Bool {
    let n = image.name.shortName
    return n == "busybox" || n == "alpine" || n == "curl"
      || image.kind != .shell && n != "debian" && n != "ubuntu"
  }

  /// busybox and alpine ship wget and nslookup but no curl (curlimages/curl adds it to alpine);
  /// debian and ubuntu ship none of the three. Simulation: other images have all of them.
  func has(_ program: String) -> Bool {
    switch (image.name.shortName, program) {
    case ("busybox", "curl"), ("alpine", "curl"): return false
    case ("debian", "curl"), ("debian", "wget"), ("debian", "nslookup"): return false
    case ("ubuntu", "curl"), ("ubuntu", "wget"), ("ubuntu", "nslookup"): return false
    default: return true
    }
  }

  /// bind9's nslookup in the DNS debugging images (dnsutils, netshoot), busybox's elsewhere (its
  /// libc-resolver one up to busybox 1.28).
  var nslookupStyle: NSLookup.Style {
    let n = image.name.shortName
    if ["dnsutils", "jessie-dnsutils", "netshoot"].contains(n) || !busybox { return .bind }
    if n == "busybox" {
      let v = image.name.tag.split(separator: ".").prefix(2).compactMap { Int($0) }
      if v.count == 2 && (v[0], v[1]) <= (1, 28) { return .busyboxLegacy }
    }
    return .busybox
  }

  private func absolute(_ path: String) -> String {
    var p = path.hasPrefix("/") ? path : "/" + path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p
  }

  func readFile(_ path: String) -> String? {
    let p = absolute(path)
    if p == "/etc/hostname" || p == "/proc/sys/kernel/hostname" { return hostname + "\n" }
    return files[p]
  }

  func writeFile(_ path: String, _ content: String, append: Bool) {
    let p = absolute(path)
    if p == "/dev/null" { return }
    if p == "/dev/stdout" || p == "/proc/1/fd/1" || p == "/dev/stderr" || p == "/proc/1/fd/2" {
      write(content)
      return
    }
    files[p] = (append ? files[p] ?? "" : "") + content
  }

  func removeFile(_ path: String) -> Bool {
    let p = absolute(path)
    if files.removeValue(forKey: p) != nil { return true }
    if directories.contains(p) && p != "/" {
      directories.remove(p)
      for k in files.keys.sorted() where k.hasPrefix(p + "/") { files[k] = nil }
      return true
    }
    return false
  }

  func isDirectory(_ path: String) -> Bool { directories.contains(absolute(path)) }

  func makeDirectory(_ path: String) { directories.insert(absolute(path)) }

  func list(_ path: String) -> [String]? {
    let p = absolute(path)
    guard directories.contains(p) else { return nil }
    let prefix = p == "/" ? "/" : p + "/"
    var names: Set<String> = []
    for k in Array(files.keys) + Array(directories) where k.hasPrefix(prefix) && k != p {
      if let first = k.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(first)) }
    }
    return names.sorted()
  }

  func request(_ url: String, headers: [String: String]) -> (trace: NetworkTrace, failure: NetworkFailure?)? {
    guard let network = runtime.network else { return nil }
    return network.request(url, headers: headers, from: source)
  }

  func nslookup(_ name: String, type: String, style: NSLookup.Style) -> (output: String, exitCode: Int32)? {
    guard let network = runtime.network else { return nil }
    return network.nslookup(name, type: type, style: style, from: source)
  }

  var source: NetworkSource {
    NetworkSource(
      ip: sandbox.ip, node: runtime.nodeName, namespace: sandbox.config.metadata.namespace,
      dnsPolicy: sandbox.config.dnsPolicy)
  }
}
