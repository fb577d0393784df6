// APIServer+Writes: create, update, patch and delete, with upstream's REST strategies:
// what the server sets on create, what an update may change, graceful deletion and finalizers.

extension APIServer {
  // MARK: - Create

  func create(_ r: APIRequest) -> APIResult {
    guard case .object(var obj)? = r.body else { return .failure(.badRequest("a create needs an object in its body")) }
    guard type(of: obj).resource == r.resource else {
      return .failure(.badRequest("the body is a \(type(of: obj).resource.kind), not a \(r.resource.kind)"))
    }
    if r.resource.namespaced {
      if obj.metadata.namespace.isEmpty { obj.metadata.namespace = r.namespace }
      if obj.metadata.namespace != r.namespace {
        return .failure(
          .badRequest("the namespace of the provided object does not match the namespace sent on the request"))
      }
      if let denial = namespaceLifecycle(obj.metadata.namespace, name: obj.metadata.name, r) {
        return .failure(denial)
      }
    } else {
      obj.metadata.namespace = ""
    }
    // Name generation (upstream names.SimpleNameGenerator: base truncated to 58 + 5 random characters).
    if obj.metadata.name.isEmpty && !obj.metadata.generateName.isEmpty {
      let c = cache(r.resource)
      var name = ""
      repeat {
        name = NameGenerator.generateName(base: obj.metadata.generateName) { self.context.rng.int($0) }
      } while c.get(Self.cacheKey(namespace: obj.metadata.namespace, name: name, r.resource)) != nil
      obj.metadata.name = name
    }
    if obj.metadata.name.isEmpty {
      return .failure(.invalid(r.resource, "", ["metadata.name: Required value: name or generateName is required"]))
    }
    // What the server owns on create.
    obj.metadata.uid = context.rng.uuid()
    obj.metadata.creationTimestamp = context.now
    obj.metadata.resourceVersion = ""
    obj.metadata.deletionTimestamp = nil
    obj.metadata.deletionGracePeriodSeconds = nil
    // Defaults, mutating admission, then what the REST strategy sets on create, then validation.
    do {
      obj = try admit(obj, old: nil, r)
    } catch let e as APIError {
      return .failure(e)
    } catch {
      return .failure(.internalError("\(error)"))
    }
    obj = Defaulting.prepareForCreate(obj)
    if let invalid = Validation.invalidStatus(creating: obj) { return .failure(APIError(invalid)) }
    if r.options.dryRun { return .success(.object(obj)) }
    let key = Storage.key(r.resource, namespace: obj.metadata.namespace, name: obj.metadata.name)
    let lease = r.resource == Event.resource ? eventLeaseID() : 0
    do {
      let stored = try storage.create(key, obj, lease: lease)
      absorbChanges()
      return .success(.object(stored))
    } catch {
      releaseAllocations(of: obj)
      return .failure(.alreadyExists(r.resource, obj.metadata.name))
    }
  }

  // MARK: - Update

  func update(_ r: APIRequest) -> APIResult {
    guard case .object(let obj)? = r.body else { return .failure(.badRequest("an update needs an object in its body")) }
    return update(r, with: obj, checkResourceVersion: true)
  }

  func update(_ r: APIRequest, with incoming: any KubeObject, checkResourceVersion: Bool) -> APIResult {
    guard type(of: incoming).resource == r.resource else {
      return .failure(.badRequest("the body is a \(type(of: incoming).resource.kind), not a \(r.resource.kind)"))
    }
    if !incoming.metadata.name.isEmpty && incoming.metadata.name != r.name {
      return .failure(
        .badRequest("the name of the object (\(incoming.metadata.name)) does not match the name on the URL (\(r.name))")
      )
    }
    let key = Storage.key(r.resource, namespace: r.namespace, name: r.name)
    guard let (current, modRevision) = storage.get(key) else { return .failure(.notFound(r.resource, r.name)) }
    if checkResourceVersion && !incoming.metadata.resourceVersion.isEmpty
      && incoming.metadata.resourceVersion != current.metadata.resourceVersion
    {
      return .failure(.conflict(r.resource, r.name))
    }
    var obj: any KubeObject
    switch r.subresource {
    case "status":
      obj = SpecStatus.onlyStatus(incoming, onto: current)
    case "finalize":
      obj = current
      if var ns = obj as? Namespace, let inc = incoming as? Namespace {
        ns.spec.finalizers = inc.spec.finalizers
        obj = ns
      }
    default:
      obj = SpecStatus.keepingStatus(incoming, from: current)
      // Metadata the client cannot change.
      obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp
      obj.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds
    }
    obj.metadata.name = current.metadata.name
    obj.metadata.namespace = current.metadata.namespace
    obj.metadata.uid = current.metadata.uid
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp
    obj.metadata.generateName = current.metadata.generateName
    obj.metadata.generation = current.metadata.generation
    if r.subresource.isEmpty && current.metadata.generation != nil && SpecStatus.specChanged(obj, current) {
      obj.metadata.generation = (current.metadata.generation ?? 0) + 1
    }
    if r.subresource.isEmpty {
      do {
        obj = try admit(obj, old: current, r)
      } catch let e as APIError {
        return .failure(e)
      } catch {
        return .failure(.internalError("\(error)"))
      }
    }
    if let invalid = Validation.invalidStatus(updating: obj, from: current) { return .failure(APIError(invalid)) }
    if r.options.dryRun { return .success(.object(obj)) }
    // An object being deleted goes once its last finalizer is removed.
    // A pod goes only once its grace period is over too (deletionGracePeriodSeconds 0), as upstream.
    if obj.metadata.deletionTimestamp != nil && (obj.metadata.finalizers ?? []).isEmpty && !hasSpecFinalizers(obj)
      && (!(obj is Pod) || obj.metadata.deletionGracePeriodSeconds == 0)
    {
      return remove(key, obj, modRevision: modRevision, r)
    }
    if sameObject(obj, current) { return .success(.object(current)) }
    do {
      let stored = try storage.update(key, obj, expecting: modRevision)
      absorbChanges()
      return .success(.object(stored))
    } catch {
      return .failure(.conflict(r.resource, r.name))
    }
  }

  // MARK: - Patch

  func patch(_ r: APIRequest) -> APIResult {
    switch r.body {
    case .object(let obj)?:
      // A typed status (or whole-object) patch from a component: applied without a precondition.
      return update(r, with: obj, checkResourceVersion: false)
    case .mergePatch(let patch)?:
      let key = Storage.key(r.resource, namespace: r.namespace, name: r.name)
      guard let (current, _) = storage.get(key) else { return .failure(.notFound(r.resource, r.name)) }
      let merged = MergePatch.apply(patch, to: current.json)
      let decoded: any KubeObject
      do {
        decoded = try decodeLike(current, merged)
      } catch {
        return .failure(.badRequest("the patch could not be applied: \(decodingFailure(error))"))
      }
      let checkRV = patch["metadata"]?["resourceVersion"] != nil
      return update(r, with: decoded, checkResourceVersion: checkRV)
    case nil:
      return .failure(.badRequest("a patch needs a body"))
    }
  }

  private func decodeLike(_ current: any KubeObject, _ json: JSON) throws -> any KubeObject {
    func decode<T: KubeObject>(_ c: T) throws -> any KubeObject { try T.decode(from: json).object }
    return try decode(current)
  }

  // MARK: - Delete

  func delete(_ r: APIRequest) -> APIResult {
    if let denial = namespaceLifecycleDelete(r) { return .failure(denial) }
    let key = Storage.key(r.resource, namespace: r.namespace, name: r.name)
    guard let (current, modRevision) = storage.get(key) else { return .failure(.notFound(r.resource, r.name)) }
    var obj = current
    let now = context.now
    // Graceful deletion of pods: the kubelet stops the containers, then deletes with grace 0.
    if var pod = obj as? Pod {
      let requested = r.options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30
      let grace: Int64 = (pod.spec.nodeName.isEmpty || pod.isTerminal) ? 0 : max(0, requested)
      if grace > 0 || pod.metadata.deletionTimestamp != nil {
        if pod.metadata.deletionTimestamp != nil {
          // Already terminating: a shorter grace period may cut it short (the kubelet's final delete sends 0).
          let remaining = pod.metadata.deletionGracePeriodSeconds ?? 0
          if grace >= remaining && grace > 0 { return .success(.object(pod)) }
          if grace == 0 && (pod.metadata.finalizers ?? []).isEmpty {
            return remove(key, pod, modRevision: modRevision, r)
          }
          pod.metadata.deletionGracePeriodSeconds = grace
          pod.metadata.deletionTimestamp = now.adding(seconds: grace)
        } else {
          pod.metadata.deletionTimestamp = now.adding(seconds: grace)
          pod.metadata.deletionGracePeriodSeconds = grace
        }
        return store(key, pod, modRevision: modRevision, r)
      }
      obj = pod
    }
    // Propagation policies become finalizers the garbage collector honours.
    var finalizers = obj.metadata.finalizers ?? []
    switch r.options.propagationPolicy {
    case .foreground?:
      if !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
    case .orphan?:
      if !finalizers.contains("orphan") { finalizers.append("orphan") }
    default: break
    }
    if var ns = obj as? Namespace {
      // The namespace controller empties it, then removes the `kubernetes` finalizer.
      if ns.metadata.deletionTimestamp == nil {
        ns.metadata.deletionTimestamp = now
        ns.metadata.deletionGracePeriodSeconds = 0
        ns.status.phase = "Terminating"
        ns.metadata.finalizers = finalizers.isEmpty ? nil : finalizers
        return store(key, ns, modRevision: modRevision, r)
      }
      if !ns.spec.finalizers.isEmpty || !finalizers.isEmpty { return .success(.object(ns)) }
      return remove(key, ns, modRevision: modRevision, r)
    }
    if !finalizers.isEmpty {
      if obj.metadata.deletionTimestamp == nil {
        obj.metadata.deletionTimestamp = now
        obj.metadata.deletionGracePeriodSeconds = 0
      }
      obj.metadata.finalizers = finalizers
      if sameObject(obj, current) { return .success(.object(current)) }
      return store(key, obj, modRevision: modRevision, r)
    }
    return remove(key, obj, modRevision: modRevision, r)
  }

  func deleteCollection(_ r: APIRequest) -> APIResult {
    guard case .success(.list(let l)) = list(r) else { return list(r) }
    for item in l.items {
      var one = r
      one.verb = .delete
      one.name = item.metadata.name
      one.namespace = item.metadata.namespace
      _ = delete(one)
    }
    return .success(.list(l))
  }

  private func store(_ key: String, _ obj: any KubeObject, modRevision: Int64, _ r: APIRequest) -> APIResult {
    if r.options.dryRun { return .success(.object(obj)) }
    do {
      let stored = try storage.update(key, obj, expecting: modRevision)
      absorbChanges()
      return .success(.object(stored))
    } catch {
      return .failure(.conflict(r.resource, r.name))
    }
  }

  private func remove(_ key: String, _ obj: any KubeObject, modRevision: Int64, _ r: APIRequest) -> APIResult {
    if r.options.dryRun { return .success(.object(obj)) }
    do {
      _ = try storage.delete(key, expecting: modRevision)
      releaseAllocations(of: obj)
      absorbChanges()
      return .success(.object(obj))
    } catch {
      return .failure(.conflict(r.resource, r.name))
    }
  }

  private func hasSpecFinalizers(_ obj: any KubeObject) -> Bool {
    if let ns = obj as? Namespace { return !ns.spec.finalizers.isEmpty }
    return false
  }

  // MARK: - Subresources

  /// `POST pods/NAME/binding`: the scheduler's decision, stored as `spec.nodeName`.
  func bind(_ r: APIRequest) -> APIResult {
    guard case .object(let o)? = r.body, let binding = o as? Binding else {
      return .failure(.badRequest("a binding needs a Binding in its body"))
    }
    let key = Storage.key(Pod.resource, namespace: r.namespace, name: r.name)
    guard let (current, modRevision) = storage.get(key), var pod = current as? Pod else {
      return .failure(.notFound(Pod.resource, r.name))
    }
    let bindings = ResourceType(kind: "Binding", plural: "pods/binding")
    if pod.metadata.deletionTimestamp != nil {
      return .failure(
        .conflict(bindings, r.name, message: "pod \(r.name) is being deleted, cannot be assigned to a host"))
    }
    if !pod.spec.nodeName.isEmpty {
      return .failure(
        .conflict(bindings, r.name, message: "pod \(r.name) is already assigned to node \"\(pod.spec.nodeName)\""))
    }
    if !binding.metadata.uid.isEmpty && binding.metadata.uid != pod.metadata.uid {
      return .failure(
        .conflict(
          bindings, r.name,
          message:
            "Precondition failed: UID in precondition: \(binding.metadata.uid), UID in object meta: \(pod.metadata.uid)"
        ))
    }
    pod.spec.nodeName = binding.target.name
    pod.setCondition(type: PodConditionType.podScheduled, status: "True", reason: "", message: "", now: context.now)
    do {
      _ = try storage.update(key, pod, expecting: modRevision)
      absorbChanges()
      return .success(.success("bound to \(binding.target.name)"))
    } catch {
      return .failure(.conflict(Pod.resource, r.name))
    }
  }

  /// `POST pods/NAME/eviction` (kubectl drain). Simulation: no PodDisruptionBudgets to consult.
  func evict(_ r: APIRequest) -> APIResult {
    var d = r
    d.verb = .delete
    d.subresource = ""
    switch delete(d) {
    case .success: return .success(.success("evicted"))
    case .failure(let e): return .failure(e)
    }
  }

  /// `…/scale`: reads or patches `spec.replicas` of a workload.
  func scale(_ r: APIRequest) -> APIResult {
    var main = r
    main.subresource = ""
    switch r.verb {
    case .get: return get(main)
    default:
      main.verb = .patch
      return patch(main)
    }
  }

  /// `GET pods/NAME/log`: the apiserver asks the pod's kubelet (apiserver → kubelet).
  func logs(_ r: APIRequest) -> APIResult {
    guard let pod = cache(Pod.resource).get("\(r.namespace)/\(r.name)") as? Pod else {
      return .failure(.notFound(Pod.resource, r.name))
    }
    let container = r.options.container.isEmpty ? (pod.spec.containers.first?.name ?? "") : r.options.container
    guard pod.spec.allContainers.contains(where: { $0.name == container }) else {
      return .failure(
        .badRequest(
          "container \(container) is not valid for pod \(r.name)"))
    }
    guard !pod.spec.nodeName.isEmpty, let kubelet = kubelets[pod.spec.nodeName] else {
      return .failure(
        .badRequest("container \"\(container)\" in pod \"\(r.name)\" is waiting to start: ContainerCreating"))
    }
    context.record(
      .apiserver, .kubelet(pod.spec.nodeName), .request, "GET", "containerLogs/\(r.namespace)/\(r.name)/\(container)")
    let result = kubelet.containerLogs(
      namespace: r.namespace, pod: r.name, container: container, previous: r.options.previous,
      tailLines: r.options.tailLines)
    switch result {
    case .success(let text):
      context.record(
        .kubelet(pod.spec.nodeName), .apiserver, .response, "200 OK",
        "containerLogs/\(r.namespace)/\(r.name)/\(container)")
      return .success(.text(text))
    case .failure(let e):
      context.record(
        .kubelet(pod.spec.nodeName), .apiserver, .response, e.statusLine,
        "containerLogs/\(r.namespace)/\(r.name)/\(container)", detail: e.message)
      return .failure(e)
    }
  }

  /// `POST pods/NAME/exec`: the kubelet runs the command in the container through the runtime.
  func exec(_ r: APIRequest) -> APIResult {
    guard let pod = cache(Pod.resource).get("\(r.namespace)/\(r.name)") as? Pod else {
      return .failure(.notFound(Pod.resource, r.name))
    }
    let container = r.options.container.isEmpty ? (pod.spec.containers.first?.name ?? "") : r.options.container
    guard !pod.spec.nodeName.isEmpty, let kubelet = kubelets[pod.spec.nodeName] else {
      return .failure(.badRequest("pod \(r.name) does not have a host assigned"))
    }
    let path = "exec/\(r.namespace)/\(r.name)/\(container)"
    context.record(
      .apiserver, .kubelet(pod.spec.nodeName), .request, "POST", path, detail: r.options.command.joined(separator: " "))
    let result = kubelet.exec(namespace: r.namespace, pod: r.name, container: container, command: r.options.command)
    switch result {
    case .success(let text):
      context.record(.kubelet(pod.spec.nodeName), .apiserver, .response, "200 OK", path)
      return .success(.text(text))
    case .failure(let e):
      context.record(.kubelet(pod.spec.nodeName), .apiserver, .response, e.statusLine, path, detail: e.message)
      return .failure(e)
    }
  }

  // MARK: - NamespaceLifecycle

  /// The namespaces NamespaceLifecycle never lets anyone delete.
  static let immortalNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

  /// Refuses to delete `default`, `kube-system` and `kube-public`, as the NamespaceLifecycle
  /// admission plugin does: `namespaces "default" is forbidden: this namespace may not be deleted`.
  func namespaceLifecycleDelete(_ r: APIRequest) -> APIError? {
    guard r.resource == Namespace.resource, Self.immortalNamespaces.contains(r.name) else { return nil }
    return APIError(
      code: 403, reason: "Forbidden",
      message: "\(r.resource.groupResource) \"\(r.name)\" is forbidden: this namespace may not be deleted",
      details: APIError.details(r.resource, r.name))
  }

  /// Refuses writes into a namespace that does not exist or is being deleted. `name` is the
  /// object's (a create request names none); empty, as with generateName, it is left out of the message.
  func namespaceLifecycle(_ namespace: String, name: String, _ r: APIRequest) -> APIError? {
    guard r.resource != Namespace.resource else { return nil }
    guard let ns = cache(Namespace.resource).get(namespace) as? Namespace else {
      return .notFound(Namespace.resource, namespace)
    }
    if ns.status.phase == "Terminating" && r.verb == .create && r.resource != Event.resource {
      return APIError(
        code: 403, reason: "Forbidden",
        message:
          "\(r.resource.groupResource)\(name.isEmpty ? "" : " \"\(name)\"") is forbidden: unable to create new content in namespace \(namespace) because it is being terminated"
      )
    }
    return nil
  }
}
