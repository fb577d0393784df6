// ContainerRuntime: a node's container runtime (containerd 1.7): images, pod sandboxes with their
// IPs, containers running simulated programs, logs, exec, and the CRI services the kubelet calls.
import Collections

/// The container runtime of one node. Only that node's kubelet reaches it (through `CRIClient`);
/// the network reaches its programs through `serve` and `listens`.
public final class ContainerRuntime {
  public let nodeName: String
  let context: SimContext

  /// The cluster's data plane, for programs that make requests (curl, wget, nslookup).
  public weak var network: (any PodNetwork)?

  /// `containerd://1.7.24`
  public static let version = "containerd://1.7.24"
  /// kube-dns' ClusterIP, written to pods' resolv.conf.
  static let clusterDNS = "10.96.0.10"

  /// Images present on the node, by normalised name.
  private(set) var images: [String: ImageInfo] = [:]
  /// Images the registry does not have (lessons mark them with `markMissing`).
  private var missing: Set<String> = []
  private var sandboxes: [String: Sandbox] = [:]
  private var sandboxByIP: [String: String] = [:]
  private var containers: [String: RuntimeContainer] = [:]
  /// Containers to wake, by simulated second.
  private var wakeups: [Int64: Set<String>] = [:]
  private var wakeTimes = Heap<Int64>()
  /// Pulls in progress, in the order they started.
  private var pulls: [PendingPull] = []
  /// Events for `GetContainerEvents`; only kept while the kubelet listens.
  private var events: [CRI.ContainerEvent] = []
  var eventsSubscribed = false
  private(set) var runtimeConfig: CRI.RuntimeConfig? = nil
  private var lastIP = 1

  private struct PendingPull {
    var image: ImageName
    var done: Int64
    var error: CRI.RuntimeError?
    var completion: (Result<CRI.Image, CRI.RuntimeError>) -> Void
  }

  public init(nodeName: String, context: SimContext) {
    self.nodeName = nodeName
    self.context = context
    preload([Self.pauseImage])
  }

  static let pauseImage = ImageCatalog.pauseImage

  /// Makes images present without pulling them (what `kubeadm config images pull` left behind).
  public func preload(_ names: [String]) {
    for n in names {
      let name = ImageName(n)
      images[name.normalized] = ImageCatalog.info(name)
    }
  }

  /// Makes the registry answer "not found" for `image` (a name with or without tag).
  public func markMissing(_ image: String) {
    let name = ImageName(image)
    missing.insert(image.contains(":") || image.contains("@") ? name.normalized : name.fullRepository)
  }

  /// Seconds a pull of `size` bytes takes: 1 s plus size / 50 MB/s.
  public static func pullSeconds(size: Int64) -> Double { 1 + Double(size) / 50_000_000 }

  // MARK: - The clock

  /// Advances running processes by one tick (they sleep, crash, exit, use memory) and finishes pulls.
  public func advance() {
    let now = context.clock.seconds
    // 1. Pulls that are done, in the order they started.
    if !pulls.isEmpty {
      var keep: [PendingPull] = []
      var done: [PendingPull] = []
      for p in pulls { if p.done <= now { done.append(p) } else { keep.append(p) } }
      pulls = keep
      for p in done {
        if let e = p.error {
          p.completion(.failure(e))
        } else {
          let info = ImageCatalog.info(p.image)
          images[p.image.normalized] = info
          p.completion(.success(criImage(info)))
        }
      }
    }
    // 2. Processes whose time has come, and stops whose grace period ran out.
    while let t = wakeTimes.min, t <= now {
      _ = wakeTimes.removeMin()
      guard let ids = wakeups.removeValue(forKey: t) else { continue }
      for id in ids.sorted() {
        guard let c = containers[id], c.state == .running else { continue }
        if let deadline = c.stopDeadline, deadline <= now {
          c.exit(137)
          continue
        }
        guard let program = c.program else { continue }
        schedule(c, program.wake(c))
      }
    }
  }

  private func schedule(_ c: RuntimeContainer, _ wake: Wake) {
    guard c.state == .running, case .after(let s) = wake else { return }
    wakeAt(c, context.clock.seconds + max(1, s))
  }

  private func wakeAt(_ c: RuntimeContainer, _ t: Int64) {
    if wakeups[t] == nil { wakeTimes.insert(t) }
    wakeups[t, default: []].insert(c.id)
  }

  /// Called by a container whose process ended.
  func containerExited(_ c: RuntimeContainer) {
    c.stopDeadline = nil
    if let done = c.stopCompletion {
      c.stopCompletion = nil
      done(.success(()))
    } else if eventsSubscribed {
      events.append(
        CRI.ContainerEvent(
          containerId: c.id, type: .stopped, createdAt: context.now, podSandboxId: c.sandbox.id, status: c.status))
    }
  }

  // MARK: - The network's view

  /// What the container listening on `ip:port` answers to `GET path` (nil: nothing listens there).
  /// `from` is the client address nginx writes in its access log.
  public func serve(
    ip: String, port: Int, path: String, headers: [String: String] = [:], from client: String = ""
  ) -> HTTPResponse? {
    guard let c = listener(ip: ip, port: port), let program = c.program else { return nil }
    c.requestsServed += 1
    let who = client.isEmpty ? gateway(for: c.sandbox) : client
    return program.serve(c, port: port, path: path.isEmpty ? "/" : path, headers: headers, client: who)
  }

  /// Whether something listens on `ip:port` (TCP).
  public func listens(ip: String, port: Int) -> Bool { listener(ip: ip, port: port) != nil }

  /// The pod IPs of the ready sandboxes on this node (not host-network ones).
  public var podIPs: [String] {
    sandboxes.values.filter { $0.state == .ready && !$0.config.hostNetwork }.map(\.ip).sorted(by: naturalLess)
  }

  private func listener(ip: String, port: Int) -> RuntimeContainer? {
    var candidates: [Sandbox] = []
    if ip == "127.0.0.1" || ip == "localhost" || ip == runtimeConfig?.nodeIP {
      candidates = sandboxes.values.filter { $0.config.hostNetwork && $0.state == .ready }.sorted { $0.id < $1.id }
    } else if let id = sandboxByIP[ip], let s = sandboxes[id], s.state == .ready {
      candidates = [s]
    }
    for s in candidates {
      for id in s.containerIDs {
        guard let c = containers[id], c.state == .running, let p = c.program else { continue }
        if p.ports(c).contains(port) { return c }
      }
    }
    return nil
  }

  /// The bridge address of the node's pod network (`10.244.1.1`): the source of kubelet probes.
  func gateway(for sandbox: Sandbox) -> String {
    if sandbox.config.hostNetwork { return runtimeConfig?.nodeIP ?? "127.0.0.1" }
    let parts = sandbox.ip.split(separator: ".")
    guard parts.count == 4 else { return sandbox.ip }
    return "\(parts[0]).\(parts[1]).\(parts[2]).1"
  }

  func resolvConf(for sandbox: Sandbox) -> String {
    if sandbox.config.dnsPolicy == DNSPolicy.clusterFirst && !sandbox.config.hostNetwork
      || sandbox.config.dnsPolicy == DNSPolicy.clusterFirstWithHostNet
    {
      let ns = sandbox.config.metadata.namespace
      return
        "search \(ns).svc.cluster.local svc.cluster.local cluster.local\nnameserver \(Self.clusterDNS)\noptions ndots:5"
    }
    return "nameserver 192.168.56.1"
  }

  // MARK: - Looking inside (kubectl top, tests)

  /// CPU (millicores) and memory (bytes) a container uses, within its limits; nil if it is not running.
  public func usage(containerID: String) -> (cpuMilli: Int64, memoryBytes: Int64)? {
    guard let c = containers[containerID], c.state == .running, let p = c.program else { return nil }
    var (cpu, mem) = p.usage(c)
    let limits = c.config.resources
    if limits.cpuLimitMilli > 0 { cpu = min(cpu, limits.cpuLimitMilli) }
    if cpu > 0 && limits.cpuLimitMilli > 0 && cpu == limits.cpuLimitMilli { cpu -= limits.cpuLimitMilli / 40 }
    if limits.memoryLimitBytes > 0 { mem = min(mem, limits.memoryLimitBytes) }
    return (cpu, mem)
  }

  /// A container by id (nil once removed).
  public func container(_ id: String) -> RuntimeContainer? { containers[id] }

  /// Every container on the node, sorted by id.
  public var allContainers: [RuntimeContainer] { containers.keys.sorted().map { containers[$0]! } }

  /// Names of the images present, sorted.
  public var imageNames: [String] { images.keys.sorted() }

  // MARK: - CRI ImageService

  private func criImage(_ info: ImageInfo) -> CRI.Image {
    CRI.Image(id: info.configDigest, repoTags: [info.name.normalized], repoDigests: [info.repoDigest], size: info.size)
  }

  /// `ImageStatus`: the image if present.
  public func imageStatus(_ spec: CRI.ImageSpec) -> CRI.Image? {
    images[ImageName(spec.image).normalized].map(criImage)
  }

  /// `ListImages`, largest first.
  public func listImages() -> [CRI.Image] {
    images.values.map(criImage).sorted { $0.size != $1.size ? $0.size > $1.size : $0.repoTags[0] < $1.repoTags[0] }
  }

  /// `PullImage`: finishes after `pullSeconds` (a present image takes half a second to check).
  /// Returns how long the pull takes, in seconds.
  @discardableResult
  public func pullImage(
    _ spec: CRI.ImageSpec, completion: @escaping (Result<CRI.Image, CRI.RuntimeError>) -> Void
  ) -> Double {
    let name = ImageName(spec.image)
    let now = context.clock.seconds
    guard ImageCatalog.exists(name, missing: missing) else {
      let ref = name.normalized
      let e = CRI.RuntimeError(
        .notFound,
        "failed to pull and unpack image \"\(ref)\": failed to resolve reference \"\(ref)\": \(ref): not found")
      pulls.append(PendingPull(image: name, done: now + 1, error: e, completion: completion))
      return 1
    }
    let info = ImageCatalog.info(name)
    let seconds = images[name.normalized] != nil ? 0.5 : Self.pullSeconds(size: info.size)
    let done = now + Int64(seconds.rounded(.up))
    pulls.append(PendingPull(image: name, done: done, error: nil, completion: completion))
    return seconds
  }

  // MARK: - CRI RuntimeService: sandboxes

  /// `UpdateRuntimeConfig`: the pod CIDR the CNI plugin allocates from.
  public func updateRuntimeConfig(_ config: CRI.RuntimeConfig) { runtimeConfig = config }

  /// `RunPodSandbox`: creates the network namespace, allocates the pod IP (host-local IPAM).
  public func runPodSandbox(_ config: CRI.PodSandboxConfig) throws(CRI.RuntimeError) -> String {
    let ip: String
    if config.hostNetwork {
      ip = runtimeConfig?.nodeIP ?? "127.0.0.1"
    } else {
      guard let rc = runtimeConfig, let next = allocateIP(rc.podCIDR) else {
        throw CRI.RuntimeError(
          .unknown,
          "failed to setup network for sandbox: plugin type=\"bridge\" failed (add): failed to allocate for range 0: no IP addresses available in range set"
        )
      }
      ip = next
    }
    let id = context.rng.hex(64)
    let s = Sandbox(id: id, config: config, createdAt: context.now, ip: ip)
    sandboxes[id] = s
    if !config.hostNetwork { sandboxByIP[ip] = id }
    return id
  }

  private func allocateIP(_ cidr: String) -> String? {
    let base = cidr.split(separator: "/").first.map(String.init) ?? cidr
    let octets = base.split(separator: ".").map(String.init)
    guard octets.count == 4 else { return nil }
    let prefix = "\(octets[0]).\(octets[1]).\(octets[2])."
    // host-local hands out addresses round robin from the last one given, skipping used ones.
    for step in 1...253 {
      let n = (lastIP - 2 + step) % 253 + 2
      let ip = prefix + String(n)
      if sandboxByIP[ip] == nil {
        lastIP = n
        return ip
      }
    }
    return nil
  }

  /// `StopPodSandbox`: stops every container (SIGKILL) and tears down the network, releasing the IP.
  public func stopPodSandbox(_ id: String) throws(CRI.RuntimeError) {
    guard let s = sandboxes[id] else { return }
    for cid in s.containerIDs {
      if let c = containers[cid], c.state == .running {
        c.stopCompletion = nil
        c.exit(137)
      }
    }
    s.state = .notReady
    if sandboxByIP[s.ip] == id { sandboxByIP[s.ip] = nil }
  }

  /// `RemovePodSandbox`: removes the sandbox and its containers.
  public func removePodSandbox(_ id: String) throws(CRI.RuntimeError) {
    guard let s = sandboxes[id] else { return }
    try stopPodSandbox(id)
    for cid in s.containerIDs { containers[cid] = nil }
    sandboxes[id] = nil
  }

  /// `ListPodSandbox`, oldest first.
  public func listPodSandbox() -> [CRI.PodSandbox] {
    sandboxes.values.sorted { $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id }.map {
      CRI.PodSandbox(
        id: $0.id, metadata: $0.config.metadata, state: $0.state, createdAt: $0.createdAt, ip: $0.ip,
        hostNetwork: $0.config.hostNetwork, labels: $0.config.labels)
    }
  }

  // MARK: - CRI RuntimeService: containers

  /// `CreateContainer`: the image must be present.
  public func createContainer(_ sandboxID: String, _ config: CRI.ContainerConfig) throws(CRI.RuntimeError) -> String {
    guard let s = sandboxes[sandboxID], s.state == .ready else {
      throw CRI.RuntimeError(.notFound, "failed to get sandbox \"\(sandboxID)\": not found")
    }
    let name = ImageName(config.image.image)
    guard let info = images[name.normalized] else {
      throw CRI.RuntimeError(
        .notFound, "failed to get image \"\(config.image.image)\": image \"\(name.normalized)\": not found")
    }
    let id = context.rng.hex(64)
    let c = RuntimeContainer(id: id, sandbox: s, config: config, image: info, createdAt: context.now, runtime: self)
    containers[id] = c
    s.containerIDs.append(id)
    return id
  }

  /// `StartContainer`: runs the container's program.
  public func startContainer(_ id: String) throws(CRI.RuntimeError) {
    guard let c = containers[id] else { throw CRI.RuntimeError(.notFound, "container \"\(id)\" not found") }
    guard c.state == .created else {
      throw CRI.RuntimeError(.unknown, "container \(id) is in \(c.state.rawValue) state, not CONTAINER_CREATED")
    }
    c.state = .running
    c.startedAt = context.now
    switch ProgramLauncher.program(for: c) {
    case .success(let program):
      c.program = program
      schedule(c, program.start(c))
    case .failure(let error):
      let text =
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: \(error.message): unknown"
      c.message = text
      c.stopCompletion = { _ in }
      c.exit(128, reason: "StartError")
      throw CRI.RuntimeError(.unknown, text)
    }
  }

  /// `StopContainer`: the image's stop signal, then SIGKILL after `timeout` seconds.
  /// `completion` runs when the process has exited.
  public func stopContainer(
    _ id: String, timeout: Int64, completion: @escaping (Result<Void, CRI.RuntimeError>) -> Void
  ) {
    guard let c = containers[id] else {
      completion(
        .failure(CRI.RuntimeError(.notFound, "an error occurred when try to find container \"\(id)\": not found")))
      return
    }
    guard c.state == .running, let program = c.program else {
      completion(.success(()))
      return
    }
    c.stopCompletion = completion
    if timeout <= 0 {
      c.exit(137)
      return
    }
    program.signal(c, stopSignal(c.image))
    guard c.state == .running else { return }
    c.stopDeadline = context.clock.seconds + timeout
    wakeAt(c, context.clock.seconds + timeout)
  }

  private func stopSignal(_ image: ImageInfo) -> Signal {
    switch image.kind {
    case .nginx: return .quit
    case .httpd: return .winch
    default: return .term
    }
  }

  /// The running container of `container` in pod `namespace/pod`, if any.
  public func runningContainer(namespace: String, pod: String, container: String) -> RuntimeContainer? {
    allContainers.last {
      $0.state == .running && $0.config.labels["io.kubernetes.pod.namespace"] == namespace
        && $0.config.labels["io.kubernetes.pod.name"] == pod
        && (container.isEmpty || $0.config.labels["io.kubernetes.container.name"] == container)
    }
  }

  /// Kills the container's process with SIGKILL (exit code 137), as `kill -9` on the node would.
  /// The kubelet notices at its next sync and restarts it according to the pod's restartPolicy.
  public func killProcess(_ id: String) -> Bool {
    guard let c = containers[id], c.state == .running else { return false }
    c.exit(137)
    return true
  }

  /// `RemoveContainer`.
  public func removeContainer(_ id: String) throws(CRI.RuntimeError) {
    guard let c = containers[id] else { return }
    if c.state == .running { c.exit(137) }
    containers[id] = nil
    c.sandbox.containerIDs.removeAll { $0 == id }
  }

  /// `ListContainers`, oldest first; `sandboxID` filters.
  public func listContainers(sandboxID: String? = nil) -> [CRI.Container] {
    containers.values.filter { sandboxID == nil || $0.sandbox.id == sandboxID }.sorted {
      $0.createdAt != $1.createdAt ? $0.createdAt < $1.createdAt : $0.id < $1.id
    }.map {
      CRI.Container(
        id: $0.id, podSandboxId: $0.sandbox.id, metadata: $0.config.metadata, image: $0.image.name.normalized,
        imageRef: $0.image.repoDigest, state: $0.state, createdAt: $0.createdAt, labels: $0.config.labels)
    }
  }

  /// `ContainerStatus`.
  public func containerStatus(_ id: String) throws(CRI.RuntimeError) -> CRI.ContainerStatus {
    guard let c = containers[id] else {
      throw CRI.RuntimeError(.notFound, "an error occurred when try to find container \"\(id)\": not found")
    }
    return c.status
  }

  /// `ExecSync`: runs a command in a running container. Simulation: it finishes at once (`sleep` inside
  /// an exec does not take simulated time).
  public func execSync(_ id: String, _ cmd: [String]) throws(CRI.RuntimeError) -> CRI.ExecSyncResponse {
    guard let c = containers[id] else {
      throw CRI.RuntimeError(.notFound, "an error occurred when try to find container \"\(id)\": not found")
    }
    guard c.state == .running else {
      throw CRI.RuntimeError(.unknown, "failed to exec in container: container is in \(c.state.rawValue) state")
    }
    guard let first = cmd.first else { throw CRI.RuntimeError(.invalidArgument, "cmd must not be empty") }
    switch ProgramLauncher.exec(cmd, in: c) {
    case .success(let result): return result
    case .failure(let error):
      throw CRI.RuntimeError(
        .unknown,
        "failed to exec in container: failed to start exec \"\(context.rng.hex(64))\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"\(first)\": \(error.message): unknown"
      )
    }
  }

  /// `ReopenContainerLog` is not needed; the kubelet reads logs through this (the log file on disk).
  public func containerLog(_ id: String, tail: Int? = nil, timestamps: Bool = false) -> String? {
    containers[id]?.logText(tail: tail, timestamps: timestamps)
  }

  /// `ListContainerStats` for running containers.
  public func listContainerStats() -> [CRI.ContainerStats] {
    allContainers.compactMap { c in
      guard let u = usage(containerID: c.id) else { return nil }
      return CRI.ContainerStats(
        containerId: c.id, podSandboxId: c.sandbox.id, name: c.config.metadata.name, cpuMilli: u.cpuMilli,
        memoryWorkingSetBytes: u.memoryBytes)
    }
  }

  /// `GetContainerEvents`: the events since the last call.
  public func takeContainerEvents() -> [CRI.ContainerEvent] {
    defer { events.removeAll() }
    return events
  }
}
