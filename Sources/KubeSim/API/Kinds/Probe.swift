// Probe: liveness/readiness/startup checks and their handlers (core/v1 Probe, ProbeHandler).

/// core/v1 `Probe` (with `ProbeHandler` inlined: exactly one of exec, httpGet, tcpSocket, grpc).
public struct Probe: Codable, Sendable, Hashable {
  public var exec: ExecAction? = nil
  public var httpGet: HTTPGetAction? = nil
  public var tcpSocket: TCPSocketAction? = nil
  public var grpc: GRPCAction? = nil
  public var initialDelaySeconds: Int32? = nil
  /// Defaulted to 1.
  public var timeoutSeconds: Int32? = nil
  /// Defaulted to 10.
  public var periodSeconds: Int32? = nil
  /// Defaulted to 1.
  public var successThreshold: Int32? = nil
  /// Defaulted to 3.
  public var failureThreshold: Int32? = nil
  public var terminationGracePeriodSeconds: Int64? = nil

  public init(
    exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
    grpc: GRPCAction? = nil, initialDelaySeconds: Int32? = nil, timeoutSeconds: Int32? = nil,
    periodSeconds: Int32? = nil, successThreshold: Int32? = nil, failureThreshold: Int32? = nil
  ) {
    self.exec = exec
    self.httpGet = httpGet
    self.tcpSocket = tcpSocket
    self.grpc = grpc
    self.initialDelaySeconds = initialDelaySeconds
    self.timeoutSeconds = timeoutSeconds
    self.periodSeconds = periodSeconds
    self.successThreshold = successThreshold
    self.failureThreshold = failureThreshold
  }

  /// How many handlers are set (validation wants exactly one).
  public var handlerCount: Int {
    [exec != nil, httpGet != nil, tcpSocket != nil, grpc != nil].filter { $0 }.count
  }
}

/// core/v1 `ExecAction`.
public struct ExecAction: Codable, Sendable, Hashable {
  public var command: [String] = []
  public init(command: [String]) { self.command = command }
}

/// core/v1 `URIScheme` values.
public enum URIScheme {
  public static let http = "HTTP"
  public static let https = "HTTPS"
}

/// core/v1 `HTTPGetAction`.
public struct HTTPGetAction: Codable, Sendable, Hashable {
  /// Defaulted to `/`.
  public var path: String = ""
  public var port: IntOrString = .int(0)
  public var host: String = ""
  /// Defaulted to `HTTP`.
  public var scheme: String = ""
  public var httpHeaders: [HTTPHeader] = []

  public init(path: String = "", port: IntOrString, host: String = "", scheme: String = "") {
    self.path = path
    self.port = port
    self.host = host
    self.scheme = scheme
  }
}

/// core/v1 `HTTPHeader`.
public struct HTTPHeader: Codable, Sendable, Hashable {
  public var name: String = ""
  public var value: String = ""
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// core/v1 `TCPSocketAction`.
public struct TCPSocketAction: Codable, Sendable, Hashable {
  public var port: IntOrString = .int(0)
  public var host: String = ""
  public init(port: IntOrString, host: String = "") {
    self.port = port
    self.host = host
  }
}

/// core/v1 `GRPCAction`.
public struct GRPCAction: Codable, Sendable, Hashable {
  public var port: Int32 = 0
  /// Declaratively defaulted to "" upstream, so it prints as `service: ""`.
  public var service: String? = nil
  public init(port: Int32, service: String? = nil) {
    self.port = port
    self.service = service
  }
}
