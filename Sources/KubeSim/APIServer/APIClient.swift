// APIClient: what a component holds to talk to the cluster — the apiserver and nothing else.
// Components never see the apiserver object or etcd; this is what makes other edges impossible.

public typealias APIResult = Result<APIResponse, APIError>

/// A component's connection to the apiserver.
///
/// Requests from control-plane components wait in the apiserver's queue and are answered in the
/// next `store` phase; the learner's kubectl client is synchronous (kubectl waits for its answer).
public final class APIClient {
  public let component: Component
  public let user: UserInfo
  private unowned let server: APIServer
  /// False while the component cannot reach the apiserver (a disconnected node).
  public var connected = true

  init(server: APIServer, component: Component, user: UserInfo) {
    self.server = server
    self.component = component
    self.user = user
  }

  /// Sends a request; `then` runs when the apiserver answers (in the next `store` phase).
  public func send(_ request: APIRequest, then: ((APIResult) -> Void)? = nil) {
    var r = request
    r.user = user
    guard connected else {
      then?(.failure(APIError(code: 0, reason: "ServiceUnavailable", message: "the node cannot reach the apiserver")))
      return
    }
    server.enqueue(r, from: component, completion: then)
  }

  /// Sends a request and waits for the answer: only the learner's kubectl does this.
  public func perform(_ request: APIRequest) -> APIResult {
    var r = request
    r.user = user
    return server.handleNow(r, from: component)
  }

  /// `POST selfsubjectaccessreviews` (`kubectl auth can-i`): may this client's user do `verb` on
  /// `resource` (plural, optionally `plural/subresource`) in `group` and `namespace`?
  public func accessReview(verb: String, group: String, resource: String, namespace: String, name: String = "") -> Bool
  {
    server.reviewAccess(
      user: user, verb: verb, group: group, resource: resource, namespace: namespace, name: name, from: component)
  }

  /// Opens a watch from `resourceVersion` (a WATCH request answered in the next `store`); events
  /// arrive in `dispatch` phases. An `error` event (410 Gone) means: list again.
  @discardableResult
  public func watch(
    _ resource: ResourceType, namespace: String = "", labelSelector: String = "", fieldSelector: String = "",
    resourceVersion: String, handler: @escaping (WatchEvent) -> Void
  ) -> WatchHandle {
    let handle = WatchHandle()
    var options = RequestOptions()
    options.labelSelector = labelSelector
    options.fieldSelector = fieldSelector
    options.resourceVersion = resourceVersion
    var r = APIRequest(.watch, resource, namespace: namespace, options: options, user: user)
    r.user = user
    guard connected else {
      handler(WatchEvent(type: .error, object: Status(), error: APIError.gone("disconnected")))
      return handle
    }
    server.enqueueWatch(r, from: component, handle: handle, handler: handler)
    return handle
  }

  /// Stops every watch this client opened (the component stopped or lost its connection).
  public func closeWatches() { server.closeWatches(of: component) }

  // MARK: - Conveniences

  public func create<T: KubeObject>(_ object: T, then: ((APIResult) -> Void)? = nil) {
    send(APIRequest(.create, T.resource, namespace: object.metadata.namespace, body: .object(object)), then: then)
  }

  public func update<T: KubeObject>(_ object: T, then: ((APIResult) -> Void)? = nil) {
    send(
      APIRequest(
        .update, T.resource, namespace: object.metadata.namespace, name: object.metadata.name, body: .object(object)),
      then: then)
  }

  /// Writes `status` only (`PUT …/status`).
  public func updateStatus<T: KubeObject>(_ object: T, then: ((APIResult) -> Void)? = nil) {
    send(
      APIRequest(
        .update, T.resource, namespace: object.metadata.namespace, name: object.metadata.name, subresource: "status",
        body: .object(object)), then: then)
  }

  /// `PATCH …/status` carrying the whole new status, as the kubelet's status manager does.
  /// Simulation: upstream sends a strategic-merge patch of the difference; the effect is the same.
  public func patchStatus<T: KubeObject>(_ object: T, then: ((APIResult) -> Void)? = nil) {
    send(
      APIRequest(
        .patch, T.resource, namespace: object.metadata.namespace, name: object.metadata.name, subresource: "status",
        body: .object(object)), then: then)
  }

  public func delete(
    _ resource: ResourceType, namespace: String, name: String, propagation: PropagationPolicy? = nil,
    gracePeriod: Int64? = nil, then: ((APIResult) -> Void)? = nil
  ) {
    var o = RequestOptions()
    o.propagationPolicy = propagation
    o.gracePeriodSeconds = gracePeriod
    send(APIRequest(.delete, resource, namespace: namespace, name: name, options: o), then: then)
  }

  public func list(
    _ resource: ResourceType, namespace: String = "", labelSelector: String = "", fieldSelector: String = "",
    then: @escaping (APIResult) -> Void
  ) {
    var o = RequestOptions()
    o.labelSelector = labelSelector
    o.fieldSelector = fieldSelector
    send(APIRequest(.list, resource, namespace: namespace, options: o), then: then)
  }
}

/// Lets a component stop one watch.
public final class WatchHandle {
  var watcherID: Int? = nil
  weak var server: APIServer?
  public init() {}
  public func stop() {
    if let id = watcherID { server?.stopWatch(id) }
  }
}
