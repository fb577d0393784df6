// Container: one container of a pod (core/v1 Container, ContainerPort, EnvVar, VolumeMount).

/// core/v1 `PullPolicy` values.
public enum PullPolicy {
  public static let always = "Always"
  public static let never = "Never"
  public static let ifNotPresent = "IfNotPresent"
  /// In the order upstream validation lists them.
  public static let all = [always, ifNotPresent, never]
}

/// core/v1 `TerminationMessagePolicy` values.
public enum TerminationMessagePolicy {
  public static let readFile = "File"
  public static let fallbackToLogsOnError = "FallbackToLogsOnError"
  public static let defaultPath = "/dev/termination-log"
}

/// core/v1 `Protocol` values.
public enum PortProtocol {
  public static let tcp = "TCP"
  public static let udp = "UDP"
  public static let sctp = "SCTP"
  public static let all = [sctp, tcp, udp]
}

/// core/v1 `Container`. Subtrees the simulation never acts on (securityContext, lifecycle, envFrom,
/// resizePolicy, volumeDevices) are kept as `JSON` under their upstream names so they round-trip.
public struct Container: Codable, Sendable, Hashable {
  public var name: String = ""
  public var image: String = ""
  public var command: [String] = []
  public var args: [String] = []
  public var workingDir: String = ""
  public var ports: [ContainerPort] = []
  public var envFrom: [JSON] = []
  public var env: [EnvVar] = []
  public var resources: ResourceRequirements = ResourceRequirements()
  public var resizePolicy: [JSON] = []
  /// Only for init containers: `Always` makes a sidecar.
  public var restartPolicy: String? = nil
  public var volumeMounts: [VolumeMount] = []
  public var volumeDevices: [JSON] = []
  public var livenessProbe: Probe? = nil
  public var readinessProbe: Probe? = nil
  public var startupProbe: Probe? = nil
  public var lifecycle: JSON? = nil
  public var terminationMessagePath: String = ""
  public var terminationMessagePolicy: String = ""
  public var imagePullPolicy: String = ""
  public var securityContext: JSON? = nil
  public var stdin: Bool? = nil
  public var stdinOnce: Bool? = nil
  public var tty: Bool? = nil

  public init(
    name: String, image: String, command: [String] = [], args: [String] = [], ports: [ContainerPort] = [],
    env: [EnvVar] = [], resources: ResourceRequirements = ResourceRequirements(), imagePullPolicy: String = ""
  ) {
    self.name = name
    self.image = image
    self.command = command
    self.args = args
    self.ports = ports
    self.env = env
    self.resources = resources
    self.imagePullPolicy = imagePullPolicy
  }

  /// True for an init container that runs beside the app containers (`restartPolicy: Always`).
  public var isSidecar: Bool { restartPolicy == ContainerRestartPolicy.always }

  /// The port named `name` (for named targetPorts and probe ports).
  public func port(named name: String) -> ContainerPort? { ports.first { $0.name == name } }
}

/// core/v1 `ContainerRestartPolicy` values (init containers only).
public enum ContainerRestartPolicy {
  public static let always = "Always"
}

/// core/v1 `ContainerPort`.
public struct ContainerPort: Codable, Sendable, Hashable {
  public var name: String = ""
  public var hostPort: Int32? = nil
  public var containerPort: Int32 = 0
  /// Defaulted to `TCP`.
  public var `protocol`: String = ""
  public var hostIP: String = ""

  public init(name: String = "", containerPort: Int32, protocol proto: String = "", hostPort: Int32? = nil) {
    self.name = name
    self.containerPort = containerPort
    self.protocol = proto
    self.hostPort = hostPort
  }
}

/// core/v1 `EnvVar`. `valueFrom` (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef) is kept as JSON.
public struct EnvVar: Codable, Sendable, Hashable {
  public var name: String = ""
  public var value: String = ""
  public var valueFrom: JSON? = nil

  public init(name: String, value: String = "", valueFrom: JSON? = nil) {
    self.name = name
    self.value = value
    self.valueFrom = valueFrom
  }
}

/// core/v1 `VolumeMount`.
public struct VolumeMount: Codable, Sendable, Hashable {
  public var name: String = ""
  public var readOnly: Bool? = nil
  public var recursiveReadOnly: String? = nil
  public var mountPath: String = ""
  public var subPath: String = ""
  public var mountPropagation: String? = nil
  public var subPathExpr: String = ""

  public init(name: String, mountPath: String, readOnly: Bool? = nil) {
    self.name = name
    self.mountPath = mountPath
    self.readOnly = readOnly
  }
}
