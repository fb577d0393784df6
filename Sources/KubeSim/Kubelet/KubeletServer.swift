// KubeletServer: the kubelet's HTTPS endpoint on :10250 as the apiserver reaches it — container
// logs, exec (ExecSync through CRI) — and the summary API that `kubectl top` reads.

/// Usage of one container (summary API `ContainerStats`).
public struct ContainerUsage: Sendable, Hashable {
  public var name: String
  /// CPU in millicores.
  public var cpuMilli: Int64
  /// Memory working set in bytes.
  public var memoryBytes: Int64
}

/// Usage of one pod (summary API `PodStats`).
public struct PodUsage: Sendable, Hashable {
  public var namespace: String
  public var name: String
  public var uid: String
  public var containers: [ContainerUsage]
  public var cpuMilli: Int64 { containers.reduce(0) { $0 + $1.cpuMilli } }
  public var memoryBytes: Int64 { containers.reduce(0) { $0 + $1.memoryBytes } }
}

/// The kubelet's `/stats/summary`: the node's usage and its pods'.
public struct NodeSummary: Sendable, Hashable {
  public var nodeName: String
  /// The whole node, including the system's own use.
  public var cpuMilli: Int64
  public var memoryBytes: Int64
  public var pods: [PodUsage]
}

extension Kubelet {
  /// The summary API (what metrics-server scrapes for `kubectl top`). Calls ListContainerStats.
  public func summary() -> NodeSummary {
    let stats = running ? cri.listContainerStats() : runtime.listContainerStats()
    var byPod: [String: (meta: CRI.PodSandboxMetadata, containers: [ContainerUsage])] = [:]
    for s in stats {
      guard let meta = runtime.container(s.containerId)?.sandbox.config.metadata else { continue }
      byPod[meta.uid, default: (meta, [])].containers.append(
        ContainerUsage(name: s.name, cpuMilli: s.cpuMilli, memoryBytes: s.memoryWorkingSetBytes))
    }
    var pods: [PodUsage] = []
    for uid in byPod.keys.sorted() {
      let (meta, containers) = byPod[uid]!
      pods.append(
        PodUsage(
          namespace: meta.namespace, name: meta.name, uid: uid, containers: containers.sorted { $0.name < $1.name }))
    }
    pods.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
    // The OS, containerd and the kubelet itself.
    let systemCPU: Int64 = config.role == .controlPlane ? 60 : 25
    let systemMemory: Int64 = (config.role == .controlPlane ? 620 : 480) * 1024 * 1024
    return NodeSummary(
      nodeName: nodeName, cpuMilli: systemCPU + pods.reduce(0) { $0 + $1.cpuMilli },
      memoryBytes: systemMemory + pods.reduce(0) { $0 + $1.memoryBytes }, pods: pods)
  }

  func worker(namespace: String, pod: String) -> PodWorker? {
    workerByKey["\(namespace)/\(pod)"].flatMap { workers[$0] }
  }

  /// What the apiserver gets when the kubelet's port does not answer.
  func unreachable(_ path: String) -> APIError {
    APIError(
      code: 500, reason: "InternalError",
      message: "Get \"https://\(nodeIP):10250/\(path)\": dial tcp \(nodeIP):10250: connect: connection refused")
  }
}

extension Kubelet: KubeletEndpoint {
  var reachable: Bool { running && client.connected }

  func containerLogs(namespace: String, pod: String, container: String, previous: Bool, tailLines: Int?) -> Result<
    String, APIError
  > {
    guard reachable else { return .failure(unreachable("containerLogs/\(namespace)/\(pod)/\(container)")) }
    guard let w = worker(namespace: namespace, pod: pod) else {
      return .failure(APIError(code: 404, reason: "NotFound", message: "pod \"\(pod)\" not found"))
    }
    guard let r = w.record(container) else {
      return .failure(.badRequest("container \(container) is not valid for pod \(pod)"))
    }
    if previous {
      guard let prev = r.previousID, let text = cri.readLog(prev, tail: tailLines) else {
        return .failure(.badRequest("previous terminated container \"\(container)\" in pod \"\(pod)\" not found"))
      }
      return .success(text)
    }
    guard let id = r.id, let text = cri.readLog(id, tail: tailLines) else {
      let hasInit = !w.pod.spec.initContainers.isEmpty && !r.isInit
      let reason = r.waiting?.reason ?? (hasInit ? "PodInitializing" : "ContainerCreating")
      return .failure(.badRequest("container \"\(container)\" in pod \"\(pod)\" is waiting to start: \(reason)"))
    }
    return .success(text)
  }

  func exec(namespace: String, pod: String, container: String, command: [String]) -> Result<String, APIError> {
    guard reachable else { return .failure(unreachable("exec/\(namespace)/\(pod)/\(container)")) }
    guard let w = worker(namespace: namespace, pod: pod), let r = w.record(container), let id = r.id, r.isRunning else {
      return .failure(.badRequest("unable to upgrade connection: container not found (\"\(container)\")"))
    }
    do {
      let resp = try cri.execSync(id, name: container, namespace: namespace, cmd: command)
      let output = resp.stdout + resp.stderr
      if resp.exitCode == 0 { return .success(output) }
      // Simulation: kubectl prints the output, then this error; the output travels in `details.output`.
      return .failure(
        APIError(
          code: 500, reason: "NonZeroExitCode", message: "command terminated with exit code \(resp.exitCode)",
          details: [
            "causes": [["reason": "ExitCode", "message": .string(String(resp.exitCode))]], "output": .string(output),
          ]))
    } catch {
      return .failure(
        APIError(
          code: 500, reason: "InternalError",
          message: "Internal error occurred: error executing command in container: \(error.message)"))
    }
  }
}
