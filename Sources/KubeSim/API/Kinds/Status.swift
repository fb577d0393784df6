// Status: the apiserver's answer for errors and non-object results (metav1 Status).

/// metav1 `Status`. Not stored. Its `metadata` is a ListMeta upstream; it is empty in every
/// Status the simulation sends, which prints as `metadata: {}` either way.
public struct Status: KubeObject, Hashable, Error {
  public static let resource = ResourceType(kind: "Status", plural: "status", namespaced: false)

  public var metadata: ObjectMeta = ObjectMeta()
  /// `Success` or `Failure`.
  public var status: String = ""
  public var message: String = ""
  public var reason: String = ""
  public var details: StatusDetails? = nil
  /// The HTTP status code.
  public var code: Int32? = nil

  public init(
    status: String = StatusValue.failure, message: String = "", reason: String = "", details: StatusDetails? = nil,
    code: Int32? = nil
  ) {
    self.status = status
    self.message = message
    self.reason = reason
    self.details = details
    self.code = code
  }

  public static let success = Status(status: StatusValue.success)
}

/// metav1 `Status.status` values.
public enum StatusValue {
  public static let success = "Success"
  public static let failure = "Failure"
}

/// metav1 `StatusReason` values with the HTTP codes upstream pairs them with.
public enum StatusReason {
  public static let unknown = ""
  public static let unauthorized = "Unauthorized"  // 401
  public static let forbidden = "Forbidden"  // 403
  public static let notFound = "NotFound"  // 404
  public static let alreadyExists = "AlreadyExists"  // 409
  public static let conflict = "Conflict"  // 409
  public static let gone = "Gone"  // 410
  public static let invalid = "Invalid"  // 422
  public static let serverTimeout = "ServerTimeout"  // 500
  public static let timeout = "Timeout"  // 504
  public static let tooManyRequests = "TooManyRequests"  // 429
  public static let badRequest = "BadRequest"  // 400
  public static let methodNotAllowed = "MethodNotAllowed"  // 405
  public static let notAcceptable = "NotAcceptable"  // 406
  public static let requestEntityTooLarge = "RequestEntityTooLarge"  // 413
  public static let unsupportedMediaType = "UnsupportedMediaType"  // 415
  public static let internalError = "InternalError"  // 500
  public static let expired = "Expired"  // 410
  public static let serviceUnavailable = "ServiceUnavailable"  // 503
}

/// metav1 `StatusDetails`.
public struct StatusDetails: Codable, Sendable, Hashable {
  public var name: String = ""
  public var group: String = ""
  public var kind: String = ""
  public var uid: String = ""
  public var causes: [StatusCause] = []
  public var retryAfterSeconds: Int32? = nil

  public init(name: String = "", group: String = "", kind: String = "", uid: String = "", causes: [StatusCause] = []) {
    self.name = name
    self.group = group
    self.kind = kind
    self.uid = uid
    self.causes = causes
  }
}

/// metav1 `StatusCause`: one reason for a failure (one field error of an Invalid status).
public struct StatusCause: Codable, Sendable, Hashable {
  /// A `CauseType` such as `FieldValueRequired`.
  public var reason: String = ""
  public var message: String = ""
  public var field: String = ""

  public init(reason: String = "", message: String = "", field: String = "") {
    self.reason = reason
    self.message = message
    self.field = field
  }
}
