// CRI: the Container Runtime Interface's messages (k8s.io/cri-api runtime/v1), the only language
// the kubelet and its node's container runtime share.

/// The types of CRI's `RuntimeService` and `ImageService`, named as in `api.proto`.
public enum CRI {
  /// `ContainerState`.
  public enum ContainerState: String, Sendable {
    case created = "CONTAINER_CREATED"
    case running = "CONTAINER_RUNNING"
    case exited = "CONTAINER_EXITED"
    case unknown = "CONTAINER_UNKNOWN"
  }

  /// `PodSandboxState`.
  public enum SandboxState: String, Sendable {
    case ready = "SANDBOX_READY"
    case notReady = "SANDBOX_NOTREADY"
  }

  /// gRPC status codes the runtime answers with.
  public enum Code: String, Sendable {
    case notFound = "NotFound"
    case unknown = "Unknown"
    case failedPrecondition = "FailedPrecondition"
    case deadlineExceeded = "DeadlineExceeded"
    case invalidArgument = "InvalidArgument"
  }

  /// A failed CRI call: prints as gRPC does (`rpc error: code = NotFound desc = …`).
  public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) {
      self.code = code
      self.message = message
    }
    public var description: String { "rpc error: code = \(code.rawValue) desc = \(message)" }
  }

  /// `ImageSpec`: the image as the kubelet names it.
  public struct ImageSpec: Sendable, Hashable {
    public var image: String
    public init(_ image: String) { self.image = image }
  }

  /// `Image`: what `ImageStatus` and `ListImages` return.
  public struct Image: Sendable, Hashable {
    /// `sha256:<config digest>` (the image id).
    public var id: String
    public var repoTags: [String]
    public var repoDigests: [String]
    public var size: Int64
  }

  /// `PodSandboxMetadata`.
  public struct PodSandboxMetadata: Sendable, Hashable {
    public var name: String
    public var uid: String
    public var namespace: String
    public var attempt: Int
  }

  /// `PodSandboxConfig` (the parts the simulation uses).
  public struct PodSandboxConfig: Sendable {
    public var metadata: PodSandboxMetadata
    public var hostname: String
    public var labels: [String: String]
    public var annotations: [String: String]
    /// `linux.security_context.namespace_options.network == NODE`.
    public var hostNetwork: Bool
    /// The pod's DNS policy, for the sandbox's resolv.conf.
    public var dnsPolicy: String
    public var logDirectory: String
  }

  /// `PodSandbox`: an entry of `ListPodSandbox`.
  public struct PodSandbox: Sendable {
    public var id: String
    public var metadata: PodSandboxMetadata
    public var state: SandboxState
    public var createdAt: Time
    public var ip: String
    public var hostNetwork: Bool
    public var labels: [String: String]
  }

  /// `KeyValue` of a container's environment.
  public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// `LinuxContainerResources` (the limits that matter to the simulated programs).
  public struct Resources: Sendable, Hashable {
    /// CPU limit in millicores (0: none).
    public var cpuLimitMilli: Int64 = 0
    /// Memory limit in bytes (0: none).
    public var memoryLimitBytes: Int64 = 0
    public var cpuRequestMilli: Int64 = 0
    public init(cpuLimitMilli: Int64 = 0, memoryLimitBytes: Int64 = 0, cpuRequestMilli: Int64 = 0) {
      self.cpuLimitMilli = cpuLimitMilli
      self.memoryLimitBytes = memoryLimitBytes
      self.cpuRequestMilli = cpuRequestMilli
    }
  }

  /// `ContainerMetadata`: the container's name in the pod and its attempt (restart count).
  public struct ContainerMetadata: Sendable, Hashable {
    public var name: String
    public var attempt: Int
  }

  /// `Mount`: a file the kubelet puts in the container (volumes are flattened to files).
  public struct FileMount: Sendable, Hashable {
    public var path: String
    public var content: String
    public init(path: String, content: String) {
      self.path = path
      self.content = content
    }
  }

  /// `ContainerConfig`.
  public struct ContainerConfig: Sendable {
    public var metadata: ContainerMetadata
    public var image: ImageSpec
    public var command: [String]
    public var args: [String]
    public var workingDir: String
    public var envs: [KeyValue]
    public var labels: [String: String]
    public var annotations: [String: String]
    /// Ports the container declares (`containerPort`s), which a generic program listens on.
    public var ports: [Int]
    public var resources: Resources
    public var logPath: String
    /// Files from volumes (config maps, secrets, the service account token).
    public var files: [FileMount]
  }

  /// `Container`: an entry of `ListContainers`.
  public struct Container: Sendable {
    public var id: String
    public var podSandboxId: String
    public var metadata: ContainerMetadata
    public var image: String
    public var imageRef: String
    public var state: ContainerState
    public var createdAt: Time
    public var labels: [String: String]
  }

  /// `ContainerStatus`.
  public struct ContainerStatus: Sendable {
    public var id: String
    public var metadata: ContainerMetadata
    public var state: ContainerState
    public var createdAt: Time
    public var startedAt: Time?
    public var finishedAt: Time?
    public var exitCode: Int32
    /// The image as the runtime names it: `docker.io/library/nginx:1.14.2`.
    public var image: String
    /// The repo digest: `docker.io/library/nginx@sha256:…`.
    public var imageRef: String
    /// `Completed`, `Error`, `OOMKilled`, `StartError` for exited containers.
    public var reason: String
    public var message: String
    public var labels: [String: String]
    public var logPath: String
  }

  /// `ContainerEventType` of `GetContainerEvents` (Evented PLEG).
  public enum ContainerEventType: String, Sendable {
    case created = "CONTAINER_CREATED_EVENT"
    case started = "CONTAINER_STARTED_EVENT"
    case stopped = "CONTAINER_STOPPED_EVENT"
    case deleted = "CONTAINER_DELETED_EVENT"
  }

  /// `ContainerEventResponse`: a container changed state without being asked to.
  public struct ContainerEvent: Sendable {
    public var containerId: String
    public var type: ContainerEventType
    public var createdAt: Time
    public var podSandboxId: String
    public var status: ContainerStatus
  }

  /// `ExecSyncResponse`.
  public struct ExecSyncResponse: Sendable, Hashable {
    public var stdout: String
    public var stderr: String
    public var exitCode: Int32
  }

  /// `ContainerStats` (for the kubelet's summary API and `kubectl top`).
  public struct ContainerStats: Sendable, Hashable {
    public var containerId: String
    public var podSandboxId: String
    public var name: String
    /// CPU in use, in millicores.
    public var cpuMilli: Int64
    /// Memory working set in bytes.
    public var memoryWorkingSetBytes: Int64
  }

  /// `RuntimeConfig` of `UpdateRuntimeConfig`: the node's pod CIDR for the CNI plugin.
  public struct RuntimeConfig: Sendable, Hashable {
    public var podCIDR: String
    /// Simulation: the node's own address, which real CNI/containerd read from the host.
    public var nodeIP: String
    public init(podCIDR: String, nodeIP: String) {
      self.podCIDR = podCIDR
      self.nodeIP = nodeIP
    }
  }
}
