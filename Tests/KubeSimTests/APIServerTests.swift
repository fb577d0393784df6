import Testing

@testable import KubeSim

/// The apiserver through its public surface: the learner's kubectl client and component clients.
struct APIServerTests {
  static func cluster() -> Cluster {
    var o = ClusterOptions()
    o.bootstrap = false
    let c = Cluster(options: o)
    _ = c.kubectl.perform(
      APIRequest(
        .create, ServiceAccount.resource, namespace: "default",
        body: .object(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: "default")))))
    return c
  }

  static func pod(_ name: String, image: String = "nginx:1.14.2") -> Pod {
    var p = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
    p.spec.containers = [Container(name: "web", image: image)]
    return p
  }

  @discardableResult
  static func create(_ c: Cluster, _ o: some KubeObject, as client: APIClient? = nil) -> APIResult {
    (client ?? c.kubectl).perform(
      APIRequest(.create, o.resource, namespace: o.metadata.namespace, body: .object(o)))
  }

  @Test func staleUpdateIsAConflict() throws {
    let c = Self.cluster()
    guard case .success(.object(let stored)) = Self.create(c, Self.pod("web")), var first = stored as? Pod else {
      Issue.record("create failed")
      return
    }
    var second = first
    first.metadata.labels = ["a": "1"]
    let ok = c.kubectl.perform(
      APIRequest(.update, Pod.resource, namespace: "default", name: "web", body: .object(first)))
    guard case .success = ok else {
      Issue.record("update failed: \(ok)")
      return
    }
    second.metadata.labels = ["b": "2"]
    let stale = c.kubectl.perform(
      APIRequest(.update, Pod.resource, namespace: "default", name: "web", body: .object(second)))
    guard case .failure(let e) = stale else {
      Issue.record("expected a conflict")
      return
    }
    #expect(e.code == 409)
    #expect(
      e.description
        == #"Error from server (Conflict): Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again"#
    )
  }

  @Test func createsAreDefaultedAsUpstream() throws {
    let c = Self.cluster()
    guard case .success(.object(let o)) = Self.create(c, Self.pod("web")), let p = o as? Pod else {
      Issue.record("create failed")
      return
    }
    #expect(p.spec.restartPolicy == "Always")
    #expect(p.spec.terminationGracePeriodSeconds == 30)
    #expect(p.spec.dnsPolicy == "ClusterFirst")
    #expect(p.spec.schedulerName == "default-scheduler")
    #expect(p.spec.containers[0].imagePullPolicy == "IfNotPresent")
    #expect(p.spec.serviceAccountName == "default")
    #expect(p.status.phase == "Pending")
    #expect(p.status.qosClass == "BestEffort")
    let tolerations = p.spec.tolerations.map { "\($0.key):\($0.effect):\($0.tolerationSeconds ?? -1)" }
    #expect(
      tolerations == [
        "node.kubernetes.io/not-ready:NoExecute:300", "node.kubernetes.io/unreachable:NoExecute:300",
      ])
    #expect(p.spec.volumes.first?.name.hasPrefix("kube-api-access-") == true)
    #expect(p.metadata.uid.count == 36)
    #expect(p.metadata.creationTimestamp == c.context.now)
  }

  @Test func generateNameAddsFiveCharactersFromUpstreamsAlphabet() throws {
    let c = Self.cluster()
    var p = Self.pod("")
    p.metadata.generateName = "web-7d4b9-"
    guard case .success(.object(let o)) = Self.create(c, p) else {
      Issue.record("create failed")
      return
    }
    #expect(o.metadata.name.hasPrefix("web-7d4b9-"))
    let suffix = o.metadata.name.dropFirst("web-7d4b9-".count)
    #expect(suffix.count == 5)
    #expect(suffix.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
  }

  @Test func invalidObjectsAreRefusedWithUpstreamWording() {
    let c = Self.cluster()
    var d = Deployment(metadata: ObjectMeta(name: "web", namespace: "default"))
    d.spec.replicas = -1
    d.spec.selector = LabelSelector(matchLabels: ["app": "web"])
    d.spec.template.metadata.labels = ["app": "other"]
    d.spec.template.spec.containers = [Container(name: "web", image: "nginx")]
    guard case .failure(let e) = Self.create(c, d) else {
      Issue.record("expected Invalid")
      return
    }
    #expect(e.code == 422)
    #expect(e.message.hasPrefix(#"Deployment.apps "web" is invalid: ["#))
    #expect(e.message.contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0"))
    #expect(e.message.contains("`selector` does not match template `labels`"))
  }

  @Test func namespaceLifecycleRefusesMissingNamespaces() {
    let c = Self.cluster()
    var p = Self.pod("cpu-demo")
    p.metadata.namespace = "cpu-example"
    guard case .failure(let e) = Self.create(c, p) else {
      Issue.record("expected NotFound")
      return
    }
    #expect(e.description == #"Error from server (NotFound): namespaces "cpu-example" not found"#)
  }

  @Test func rbacDenialsUseUpstreamWording() {
    let c = Self.cluster()
    let alice = c.kubectl(as: UserInfo.impersonating("alice"))
    let r = alice.perform(APIRequest(.list, Pod.resource, namespace: "default"))
    guard case .failure(let e) = r else {
      Issue.record("expected Forbidden")
      return
    }
    #expect(
      e.description
        == #"Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default""#
    )
    let nodes = alice.perform(APIRequest(.get, Node.resource, name: "node-1"))
    guard case .failure(let n) = nodes else {
      Issue.record("expected Forbidden")
      return
    }
    #expect(
      n.message
        == #"nodes "node-1" is forbidden: User "alice" cannot get resource "nodes" in API group "" at the cluster scope"#
    )
  }

  @Test func aRoleBindingGrantsWhatItsRoleSays() {
    let c = Self.cluster()
    var role = Role(metadata: ObjectMeta(name: "pod-reader", namespace: "default"))
    role.rules = [PolicyRule(verbs: ["get", "list"], apiGroups: [""], resources: ["pods"])]
    Self.create(c, role)
    let binding = RoleBinding(
      metadata: ObjectMeta(name: "read-pods", namespace: "default"),
      subjects: [Subject(kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice")],
      roleRef: RoleRef(kind: "Role", name: "pod-reader"))
    Self.create(c, binding)
    let alice = c.kubectl(as: UserInfo.impersonating("alice"))
    guard case .success = alice.perform(APIRequest(.list, Pod.resource, namespace: "default")) else {
      Issue.record("alice should list pods in default")
      return
    }
    guard case .failure(let e) = alice.perform(APIRequest(.list, Pod.resource, namespace: "kube-system")) else {
      Issue.record("alice should not list pods in kube-system")
      return
    }
    #expect(e.code == 403)
    guard case .failure = alice.perform(APIRequest(.delete, Pod.resource, namespace: "default", name: "x")) else {
      Issue.record("alice should not delete pods")
      return
    }
  }

  @Test func theNodeAuthorizerKeepsKubeletsToTheirOwnNode() {
    let c = Self.cluster()
    let kubelet = c.kubectl(as: .node("node-1"))
    guard case .failure(let e) = kubelet.perform(APIRequest(.get, Node.resource, name: "node-2")) else {
      Issue.record("expected Forbidden")
      return
    }
    #expect(
      e.message
        == #"nodes "node-2" is forbidden: User "system:node:node-1" cannot get resource "nodes" in API group "" at the cluster scope: node 'node-1' cannot read 'node-2', only its own Node object"#
    )
    guard case .failure(let l) = kubelet.perform(APIRequest(.list, Pod.resource)) else {
      Issue.record("expected Forbidden for an unfiltered pod list")
      return
    }
    #expect(l.message.hasSuffix("can only list/watch pods with spec.nodeName field selector"))
    var o = RequestOptions()
    o.fieldSelector = "spec.nodeName=node-1"
    guard case .success = kubelet.perform(APIRequest(.list, Pod.resource, options: o)) else {
      Issue.record("a kubelet lists its own pods")
      return
    }
  }

  @Test func fieldSelectorsAreServedFromTheNodeIndex() {
    let c = Self.cluster()
    for (name, node) in [("a", "node-1"), ("b", "node-2"), ("c", "node-1")] {
      Self.create(c, Self.pod(name))
      _ = c.kubectl.perform(
        APIRequest(
          .create, Pod.resource, namespace: "default", name: name, subresource: "binding",
          body: .object(Binding(metadata: ObjectMeta(name: name), target: ObjectReference(kind: "Node", name: node))))
      )
    }
    var o = RequestOptions()
    o.fieldSelector = "spec.nodeName=node-1"
    guard
      case .success(.list(let l)) = c.kubectl.perform(APIRequest(.list, Pod.resource, namespace: "default", options: o))
    else {
      Issue.record("list failed")
      return
    }
    #expect(l.items.map(\.metadata.name) == ["a", "c"])
    o.fieldSelector = "spec.bogus=1"
    guard case .failure(let e) = c.kubectl.perform(APIRequest(.list, Pod.resource, options: o)) else {
      Issue.record("expected BadRequest")
      return
    }
    #expect(e.message.hasSuffix("field label not supported: spec.bogus"))
  }

  @Test func bindingTwiceIsAConflict() {
    let c = Self.cluster()
    Self.create(c, Self.pod("web"))
    let bind = APIRequest(
      .create, Pod.resource, namespace: "default", name: "web", subresource: "binding",
      body: .object(Binding(metadata: ObjectMeta(name: "web"), target: ObjectReference(kind: "Node", name: "node-1"))))
    guard case .success = c.kubectl.perform(bind) else {
      Issue.record("first binding failed")
      return
    }
    guard case .failure(let e) = c.kubectl.perform(bind) else {
      Issue.record("expected a conflict")
      return
    }
    #expect(e.code == 409)
    #expect(e.message.contains(#"pod web is already assigned to node "node-1""#))
    guard
      case .success(.object(let o)) = c.kubectl.perform(
        APIRequest(.get, Pod.resource, namespace: "default", name: "web")),
      let p = o as? Pod
    else { return }
    #expect(p.spec.nodeName == "node-1")
    #expect(p.condition("PodScheduled")?.status == "True")
  }

  @Test func gracefulDeletionSetsADeletionTimestampForBoundPods() {
    let c = Self.cluster()
    Self.create(c, Self.pod("web"))
    _ = c.kubectl.perform(
      APIRequest(
        .create, Pod.resource, namespace: "default", name: "web", subresource: "binding",
        body: .object(Binding(metadata: ObjectMeta(name: "web"), target: ObjectReference(kind: "Node", name: "node-1")))
      ))
    guard
      case .success(.object(let o)) = c.kubectl.perform(
        APIRequest(.delete, Pod.resource, namespace: "default", name: "web"))
    else {
      Issue.record("delete failed")
      return
    }
    #expect(o.metadata.deletionTimestamp == c.context.now.adding(seconds: 30))
    #expect(o.metadata.deletionGracePeriodSeconds == 30)
    var now = RequestOptions()
    now.gracePeriodSeconds = 0
    _ = c.kubectl.perform(APIRequest(.delete, Pod.resource, namespace: "default", name: "web", options: now))
    guard case .failure(let e) = c.kubectl.perform(APIRequest(.get, Pod.resource, namespace: "default", name: "web"))
    else {
      Issue.record("the pod should be gone")
      return
    }
    #expect(e.code == 404)
  }

  @Test func watchesDeliverInTheDispatchPhaseAndExpireWhenTooOld() {
    let c = Self.cluster()
    let client = c.kubectl(as: .admin)
    var seen: [String] = []
    client.watch(Pod.resource, namespace: "default", resourceVersion: String(c.etcdRevision)) { e in
      seen.append("\(e.type.rawValue) \(e.object.metadata.name)")
    }
    // The WATCH is a request like any other: it opens in the next store phase.
    c.step()  // report
    c.step()  // store: watch opens
    Self.create(c, Self.pod("web"))
    #expect(seen.isEmpty)
    c.step()  // schedule
    c.step()  // dispatch
    #expect(seen == ["ADDED web"])
    // A watch from a revision the watch cache no longer holds gets 410 Gone.
    for i in 0..<1_001 { Self.create(c, Self.pod("filler-\(i)")) }
    var gone: APIError? = nil
    client.watch(Pod.resource, resourceVersion: "1") { e in gone = e.error }
    c.runTick()
    c.runTick()
    #expect(gone?.code == 410)
  }

  @Test func finalizersHoldAnObjectUntilRemoved() {
    let c = Self.cluster()
    var cm = ConfigMap(metadata: ObjectMeta(name: "held", namespace: "default"))
    cm.metadata.finalizers = ["example.com/hold"]
    Self.create(c, cm)
    _ = c.kubectl.perform(APIRequest(.delete, ConfigMap.resource, namespace: "default", name: "held"))
    guard
      case .success(.object(let o)) = c.kubectl.perform(
        APIRequest(.get, ConfigMap.resource, namespace: "default", name: "held"))
    else {
      Issue.record("should still exist")
      return
    }
    #expect(o.metadata.deletionTimestamp != nil)
    _ = c.kubectl.perform(
      APIRequest(
        .patch, ConfigMap.resource, namespace: "default", name: "held",
        body: .mergePatch(["metadata": ["finalizers": nil]])))
    guard
      case .failure(let e) = c.kubectl.perform(APIRequest(.get, ConfigMap.resource, namespace: "default", name: "held"))
    else {
      Issue.record("should be gone once the finalizer is removed")
      return
    }
    #expect(e.code == 404)
  }
}
