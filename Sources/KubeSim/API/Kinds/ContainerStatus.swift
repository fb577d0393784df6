// ContainerStatus: what the kubelet reports about one container (core/v1 ContainerStatus, ContainerState).

/// core/v1 `ContainerStatus`.
public struct ContainerStatus: Codable, Sendable, Hashable {
  public var name: String = ""
  /// Not a pointer upstream: always printed, `{}` when nothing is known.
  public var state: ContainerState = ContainerState()
  /// Not a pointer upstream: always printed, `{}` before the first restart.
  public var lastState: ContainerState = ContainerState()
  public var ready: Bool = false
  public var restartCount: Int32 = 0
  public var image: String = ""
  public var imageID: String = ""
  public var containerID: String = ""
  public var started: Bool? = nil
  public var allocatedResources: ResourceList = [:]
  public var resources: ResourceRequirements? = nil
  public var volumeMounts: [JSON] = []
  public var user: JSON? = nil
  public var allocatedResourcesStatus: [JSON] = []

  public init(
    name: String, state: ContainerState = ContainerState(), lastState: ContainerState = ContainerState(),
    ready: Bool = false, restartCount: Int32 = 0, image: String = "", imageID: String = "", containerID: String = "",
    started: Bool? = nil
  ) {
    self.name = name
    self.state = state
    self.lastState = lastState
    self.ready = ready
    self.restartCount = restartCount
    self.image = image
    self.imageID = imageID
    self.containerID = containerID
    self.started = started
  }
}

/// core/v1 `ContainerState`: at most one of waiting, running, terminated (none means waiting).
public struct ContainerState: Codable, Sendable, Hashable {
  public var waiting: ContainerStateWaiting? = nil
  public var running: ContainerStateRunning? = nil
  public var terminated: ContainerStateTerminated? = nil

  public init(
    waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
    terminated: ContainerStateTerminated? = nil
  ) {
    self.waiting = waiting
    self.running = running
    self.terminated = terminated
  }

  public static func waiting(reason: String, message: String = "") -> ContainerState {
    ContainerState(waiting: ContainerStateWaiting(reason: reason, message: message))
  }
  public static func running(startedAt: Time) -> ContainerState {
    ContainerState(running: ContainerStateRunning(startedAt: startedAt))
  }
}

/// core/v1 `ContainerStateWaiting`.
public struct ContainerStateWaiting: Codable, Sendable, Hashable {
  public var reason: String = ""
  public var message: String = ""
  public init(reason: String = "", message: String = "") {
    self.reason = reason
    self.message = message
  }
}

/// core/v1 `ContainerStateRunning`.
public struct ContainerStateRunning: Codable, Sendable, Hashable {
  public var startedAt: Time? = nil
  public init(startedAt: Time? = nil) { self.startedAt = startedAt }
}

/// core/v1 `ContainerStateTerminated`.
public struct ContainerStateTerminated: Codable, Sendable, Hashable {
  public var exitCode: Int32 = 0
  public var signal: Int32? = nil
  public var reason: String = ""
  public var message: String = ""
  public var startedAt: Time? = nil
  public var finishedAt: Time? = nil
  public var containerID: String = ""

  public init(
    exitCode: Int32, signal: Int32? = nil, reason: String = "", message: String = "", startedAt: Time? = nil,
    finishedAt: Time? = nil, containerID: String = ""
  ) {
    self.exitCode = exitCode
    self.signal = signal
    self.reason = reason
    self.message = message
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.containerID = containerID
  }
}
