// APIRequest: one REST request to the apiserver, shaped like Kubernetes' (verb, resource, path).

/// The verbs of the Kubernetes API (as RBAC names them).
public enum Verb: String, Sendable, CaseIterable {
  case get, list, watch, create, update, patch, delete, deletecollection

  /// The word a message shows: HTTP's, with `LIST` and `WATCH` told apart from `GET`.
  public var messageVerb: String {
    switch self {
    case .get: return "GET"
    case .list: return "LIST"
    case .watch: return "WATCH"
    case .create: return "POST"
    case .update: return "PUT"
    case .patch: return "PATCH"
    case .delete, .deletecollection: return "DELETE"
    }
  }
}

/// What a request carries.
public enum RequestBody: Sendable {
  /// A whole typed object (create, update, the status and binding subresources).
  case object(any KubeObject)
  /// An RFC 7386 JSON merge patch (`kubectl patch --type merge`, label, annotate, scale …).
  case mergePatch(JSON)
}

/// `DeleteOptions.propagationPolicy`.
public enum PropagationPolicy: String, Sendable {
  case foreground = "Foreground"
  case background = "Background"
  case orphan = "Orphan"
}

public struct RequestOptions: Sendable {
  public var labelSelector: String = ""
  public var fieldSelector: String = ""
  /// For list/watch: where to start; for update: set in the object's metadata instead.
  public var resourceVersion: String = ""
  public var propagationPolicy: PropagationPolicy? = nil
  public var gracePeriodSeconds: Int64? = nil
  public var dryRun: Bool = false
  /// For `pods/log`: the container, and whether to show the previous instance.
  public var container: String = ""
  public var previous: Bool = false
  public var tailLines: Int? = nil
  /// For `pods/exec`: the command.
  public var command: [String] = []

  public init() {}
}

public struct APIRequest: Sendable {
  public var verb: Verb
  public var resource: ResourceType
  public var namespace: String
  public var name: String
  public var subresource: String
  public var body: RequestBody?
  public var options: RequestOptions
  public var user: UserInfo

  public init(
    _ verb: Verb, _ resource: ResourceType, namespace: String = "", name: String = "", subresource: String = "",
    body: RequestBody? = nil, options: RequestOptions = RequestOptions(), user: UserInfo = .admin
  ) {
    self.verb = verb
    self.resource = resource
    self.namespace = resource.namespaced ? namespace : ""
    self.name = name
    self.subresource = subresource
    self.body = body
    self.options = options
    self.user = user
  }

  /// `pods/web/binding`, `pods`, `nodes/node-1/status`: the path a message shows.
  public var objectPath: String {
    var s = resource.plural
    if !name.isEmpty { s += "/\(name)" }
    if !subresource.isEmpty { s += "/\(subresource)" }
    return s
  }

  /// The REST path: `/api/v1/namespaces/default/pods/web/binding`.
  public var restPath: String {
    var s = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
    if resource.namespaced && !namespace.isEmpty { s += "/namespaces/\(namespace)" }
    return s + "/" + objectPath
  }

  /// The resource as RBAC sees it: `pods`, `pods/binding`, `deployments/scale`.
  public var rbacResource: String { subresource.isEmpty ? resource.plural : "\(resource.plural)/\(subresource)" }
}
