// APIResponse and APIError: what the apiserver answers, errors as Kubernetes Status objects.

/// A list as the apiserver returns it (`PodList`): items and the list's resourceVersion.
public struct ObjectList: Sendable {
  public var resource: ResourceType
  public var items: [any KubeObject]
  public var resourceVersion: String

  public init(resource: ResourceType, items: [any KubeObject], resourceVersion: String) {
    self.resource = resource
    self.items = items
    self.resourceVersion = resourceVersion
  }

  /// `{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"42"},"items":[…]}`
  public var json: JSON {
    [
      "apiVersion": .string(resource.apiVersion), "kind": .string(resource.kind + "List"),
      "metadata": ["resourceVersion": .string(resourceVersion)], "items": .array(items.map { $0.json }),
    ]
  }
}

public enum APIResponse: Sendable {
  case object(any KubeObject)
  case list(ObjectList)
  /// A success Status (`status: Success`), e.g. for bindings and deletions that completed.
  case success(String)
  /// Plain text (pod logs, exec output).
  case text(String)

  public var object: (any KubeObject)? {
    if case .object(let o) = self { return o }
    return nil
  }

  public var list: ObjectList? {
    if case .list(let l) = self { return l }
    return nil
  }
}

/// An error the apiserver returns, carrying upstream's `Status` fields.
public struct APIError: Error, Sendable, CustomStringConvertible {
  public var code: Int
  /// `NotFound`, `AlreadyExists`, `Conflict`, `Forbidden`, `Invalid`, `BadRequest`, `Gone`, `MethodNotAllowed` …
  public var reason: String
  public var message: String
  public var details: JSON?

  public init(code: Int, reason: String, message: String, details: JSON? = nil) {
    self.code = code
    self.reason = reason
    self.message = message
    self.details = details
  }

  /// An error carrying a `Status` built elsewhere (validation's 422 Invalid).
  public init(_ status: Status) {
    var details = status.json["details"]
    if details?.objectValue?.isEmpty == true { details = nil }
    self.init(code: Int(status.code ?? 500), reason: status.reason, message: status.message, details: details)
  }

  /// `Error from server (NotFound): pods "x" not found` — kubectl's rendering.
  public var description: String { "Error from server (\(reason)): \(message)" }

  /// The `Status` object of the response body.
  public var status: JSON {
    var j: JSON = [
      "apiVersion": "v1", "kind": "Status", "metadata": [:], "status": "Failure", "message": .string(message),
      "reason": .string(reason), "code": .int(Int64(code)),
    ]
    if let details { j["details"] = details }
    return j
  }

  static func details(_ r: ResourceType, _ name: String) -> JSON {
    var d: JSON = ["kind": .string(r.plural)]
    if !name.isEmpty { d["name"] = .string(name) }
    if !r.group.isEmpty { d["group"] = .string(r.group) }
    return d
  }

  public static func notFound(_ r: ResourceType, _ name: String) -> APIError {
    APIError(
      code: 404, reason: "NotFound", message: "\(r.groupResource) \"\(name)\" not found", details: details(r, name))
  }

  public static func alreadyExists(_ r: ResourceType, _ name: String) -> APIError {
    APIError(
      code: 409, reason: "AlreadyExists", message: "\(r.groupResource) \"\(name)\" already exists",
      details: details(r, name))
  }

  /// Optimistic concurrency failure, as upstream words it.
  public static func conflict(_ r: ResourceType, _ name: String) -> APIError {
    APIError(
      code: 409, reason: "Conflict",
      message:
        "Operation cannot be fulfilled on \(r.groupResource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again",
      details: details(r, name))
  }

  public static func conflict(_ r: ResourceType, _ name: String, message: String) -> APIError {
    APIError(
      code: 409, reason: "Conflict",
      message: "Operation cannot be fulfilled on \(r.groupResource) \"\(name)\": \(message)",
      details: details(r, name))
  }

  public static func badRequest(_ message: String) -> APIError {
    APIError(code: 400, reason: "BadRequest", message: message)
  }

  /// 422 with the aggregated field errors: `Deployment.apps "web" is invalid: spec.replicas: …`.
  public static func invalid(_ r: ResourceType, _ name: String, _ causes: [String]) -> APIError {
    let kind = r.group.isEmpty ? r.kind : "\(r.kind).\(r.group)"
    let list = causes.count == 1 ? causes[0] : "[" + causes.joined(separator: ", ") + "]"
    return APIError(
      code: 422, reason: "Invalid", message: "\(kind) \"\(name)\" is invalid: \(list)", details: details(r, name))
  }

  /// `pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"`
  public static func forbidden(
    user: UserInfo, verb: String, resource: ResourceType, subresource: String, namespace: String, name: String,
    reason: String = ""
  ) -> APIError {
    let res = subresource.isEmpty ? resource.plural : "\(resource.plural)/\(subresource)"
    var why = "User \"\(user.name)\" cannot \(verb) resource \"\(res)\" in API group \"\(resource.group)\""
    why += namespace.isEmpty ? " at the cluster scope" : " in the namespace \"\(namespace)\""
    if !reason.isEmpty { why += ": \(reason)" }
    let subject = name.isEmpty ? resource.groupResource : "\(resource.groupResource) \"\(name)\""
    return APIError(
      code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)", details: details(resource, name))
  }

  /// A watch asked for a resourceVersion the watch cache no longer holds.
  public static func gone(_ message: String) -> APIError {
    APIError(code: 410, reason: "Expired", message: message)
  }

  public static func methodNotAllowed(_ message: String) -> APIError {
    APIError(code: 405, reason: "MethodNotAllowed", message: message)
  }

  public static func internalError(_ message: String) -> APIError {
    APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
  }

  /// The status line a response message shows: `404 NotFound`.
  public var statusLine: String { "\(code) \(reason)" }
}
