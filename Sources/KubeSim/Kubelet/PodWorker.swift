// PodWorker: what the kubelet knows about one pod bound to its node — the sandbox, each container's
// current and previous instance, probe results and the status it last reported.

/// One probe's worker state (upstream prober `worker`).
struct ProbeState {
  /// The last result: nil before the threshold was reached either way.
  var result: Bool? = nil
  var successes: Int32 = 0
  var failures: Int32 = 0
  /// The next simulated second the probe runs.
  var next: Int64 = 0
}

/// What the kubelet knows about one container of a pod.
final class ContainerRecord {
  let name: String
  let isInit: Bool
  var spec: Container
  /// The current instance in the runtime (nil before the first CreateContainer).
  var id: String? = nil
  /// The instance before it, kept for `kubectl logs --previous`.
  var previousID: String? = nil
  var state: CRI.ContainerState? = nil
  var startedAt: Time? = nil
  var finishedAt: Time? = nil
  var exitCode: Int32 = 0
  var reason = ""
  var message = ""
  var restartCount: Int32 = 0
  var lastTermination: ContainerStateTerminated? = nil
  /// Why it is waiting, when it is (upstream's reason cache): ErrImagePull, CrashLoopBackOff …
  var waiting: (reason: String, message: String)? = nil
  /// The image as the runtime names it, and its digest, once created.
  var runtimeImage = ""
  var imageID = ""
  var pull: PullState = .none
  /// The startup probe succeeded (or there is none).
  var started = false
  var ready = false
  var liveness = ProbeState()
  var readiness = ProbeState()
  var startup = ProbeState()
  /// A StopContainer is in flight.
  var stopping = false
  /// Set when the kubelet killed it (liveness, startup, a changed definition).
  var killedByKubelet = false
  /// The pod's spec of this container changed (a new image): it is killed and started again.
  var definitionChanged = false

  enum PullState {
    case none
    case waiting
    case ready(String)
    case failed(String)
  }

  init(spec: Container, isInit: Bool) {
    self.spec = spec
    name = spec.name
    self.isInit = isInit
  }

  var isRunning: Bool { state == .running }
  var hasExited: Bool { state == .exited }
  var containerID: String { id.map { "containerd://\($0)" } ?? "" }

  /// The terminated state of the current instance.
  var terminated: ContainerStateTerminated? {
    guard state == .exited else { return nil }
    return ContainerStateTerminated(
      exitCode: exitCode, reason: reason, message: message, startedAt: startedAt, finishedAt: finishedAt,
      containerID: containerID)
  }
}

/// The kubelet's record of a pod it runs.
final class PodWorker {
  /// The pod's UID (for a static pod, the hash of its manifest).
  let uid: String
  /// The latest spec (from the apiserver, or the static manifest).
  var pod: Pod
  let isStatic: Bool
  /// For a static pod: the mirror pod as the apiserver has it.
  var mirror: Pod? = nil
  var mirrorRequested = false
  /// Admission refused it: it stays Failed.
  var rejected: (reason: String, message: String)? = nil
  var admitted = false
  var sandboxID: String? = nil
  var sandboxReady = false
  var podIP = ""
  var containers: [ContainerRecord] = []
  var startTime: Time? = nil
  /// Succeeded or Failed once decided; the kubelet never runs it again.
  var terminalPhase: String? = nil
  /// Containers are being stopped (deletion, or the pod finished).
  var terminating = false
  /// Every container stopped and the sandbox torn down.
  var terminated = false
  /// The pod is gone from the apiserver.
  var deleted = false
  /// The final DELETE (grace 0) was sent.
  var deleteSent = false
  /// The status the kubelet computed and the one it last reported.
  var status = PodStatus()
  var reported: PodStatus? = nil
  var statusDirty = false
  /// `activeDeadlineSeconds` passed.
  var deadlineExceeded = false
  /// The next time a probe of this pod runs.
  var nextProbe: Int64? = nil
  /// Every configMap and secret volume is set up (`mountVolumes`): the sandbox may be created.
  var volumesMounted = false
  /// The files of each configMap and secret volume set up, by volume name.
  var volumeFiles: [String: [VolumeFile]] = [:]
  /// The back-off of each volume whose SetUp failed, by volume name.
  var mountBackoff: [String: MountBackoff] = [:]

  init(uid: String, pod: Pod, isStatic: Bool) {
    self.uid = uid
    self.pod = pod
    self.isStatic = isStatic
    for c in pod.spec.initContainers { containers.append(ContainerRecord(spec: c, isInit: true)) }
    for c in pod.spec.containers { containers.append(ContainerRecord(spec: c, isInit: false)) }
  }

  /// `namespace/name` as the apiserver knows it (the mirror pod's name for static pods).
  var key: String { "\(pod.metadata.namespace)/\(pod.metadata.name)" }
  var name: String { pod.metadata.name }
  var namespace: String { pod.metadata.namespace }

  func record(_ name: String) -> ContainerRecord? { containers.first { $0.name == name } }
  var initRecords: [ContainerRecord] { containers.filter(\.isInit) }
  var appRecords: [ContainerRecord] { containers.filter { !$0.isInit } }

  /// Upstream `format.Pod`: `name_namespace(uid)`.
  var formatted: String { "\(pod.metadata.name)_\(pod.metadata.namespace)(\(uid))" }

  /// The deletion the apiserver asked for (deletionTimestamp set).
  var deletionRequested: Bool { pod.metadata.deletionTimestamp != nil }

  /// Updates the spec; containers keep their records (by name).
  func update(_ newPod: Pod) {
    pod = newPod
    for c in newPod.spec.initContainers + newPod.spec.containers {
      guard let r = record(c.name) else { continue }
      // Upstream compares a hash of the container spec; only the image may change on a pod.
      if r.spec.image != c.image && r.id != nil { r.definitionChanged = true }
      r.spec = c
    }
  }
}
