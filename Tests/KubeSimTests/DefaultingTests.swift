// DefaultingTests: upstream's scheme defaults, the strategies' create-time fill-ins and admission defaults.

import Testing

@testable import KubeSim

@Suite struct DefaultingTests {
  static func nginx(_ image: String = "nginx:1.14.2") -> Container {
    Container(name: "nginx", image: image, ports: [ContainerPort(containerPort: 80)])
  }

  @Test func barePodGetsExactlyUpstreamsDefaults() {
    var pod = Pod(metadata: ObjectMeta(name: "nginx", namespace: "default"), spec: PodSpec(containers: [Self.nginx()]))
    Defaulting.apply(to: &pod)
    #expect(PodAdmissionDefaults.admitCreate(&pod) == nil)
    let expected: JSON = [
      "containers": [
        [
          "image": "nginx:1.14.2", "imagePullPolicy": "IfNotPresent", "name": "nginx",
          "ports": [["containerPort": 80, "protocol": "TCP"]], "resources": [:],
          "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
        ]
      ],
      "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority",
      "priority": 0, "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": [:],
      "serviceAccount": "default", "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
      "tolerations": [
        ["effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300],
        [
          "effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists",
          "tolerationSeconds": 300,
        ],
      ],
    ]
    #expect(pod.json["spec"] == expected.sortedKeys())
    let created = Defaulting.prepareForCreate(pod) as! Pod
    #expect(created.status.phase == "Pending")
    #expect(created.status.qosClass == "BestEffort")
  }

  @Test(arguments: [
    ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
    ("registry.local:5000/team/app", "Always"), ("registry.local:5000/team/app:v2", "IfNotPresent"),
    ("nginx@sha256:abc", "IfNotPresent"), ("nginx:latest@sha256:abc", "Always"),
  ])
  func imagePullPolicyFollowsTheTag(image: String, policy: String) {
    var c = Container(name: "c", image: image)
    c.applyDefaults()
    #expect(c.imagePullPolicy == policy)
  }

  @Test func probesAndHTTPGetActionsAreDefaulted() {
    var c = Self.nginx()
    c.livenessProbe = Probe(httpGet: HTTPGetAction(port: .int(8080)), initialDelaySeconds: 3, periodSeconds: 3)
    c.readinessProbe = Probe(exec: ExecAction(command: ["true"]))
    c.applyDefaults()
    let live = c.livenessProbe!
    #expect(
      live.timeoutSeconds == 1 && live.periodSeconds == 3 && live.successThreshold == 1 && live.failureThreshold == 3)
    #expect(live.httpGet?.path == "/" && live.httpGet?.scheme == "HTTP")
    #expect(c.readinessProbe?.periodSeconds == 10)
  }

  @Test func volumesAndEnvSubtreesAreDefaulted() {
    var spec = PodSpec(containers: [Self.nginx()])
    spec.volumes = [
      Volume(name: "scratch"),
      {
        var v = Volume(name: "logs"); v.hostPath = HostPathVolumeSource(path: "/var/log"); return v
      }(),
      {
        var v = Volume(name: "cfg"); v.configMap = ConfigMapVolumeSource(name: "cfg"); return v
      }(),
    ]
    spec.containers[0].env = [EnvVar(name: "NODE", valueFrom: ["fieldRef": ["fieldPath": "spec.nodeName"]])]
    spec.applyDefaults()
    #expect(spec.volumes[0].emptyDir == EmptyDirVolumeSource())
    #expect(spec.volumes[1].hostPath?.type == "")
    #expect(spec.volumes[2].configMap?.defaultMode == 420)
    #expect(spec.containers[0].env[0].valueFrom?["fieldRef"]?["apiVersion"] == "v1")
  }

  @Test func hostNetworkDefaultsHostPorts() {
    var pod = Pod(spec: PodSpec(containers: [Self.nginx()]))
    pod.spec.hostNetwork = true
    Defaulting.apply(to: &pod)
    #expect(pod.spec.containers[0].ports[0].hostPort == 80)
  }

  @Test func deploymentDefaultsIncludeTheTemplatesPodSpecButNotPodOnlyDefaults() {
    var d = Deployment(
      metadata: ObjectMeta(name: "web"),
      spec: DeploymentSpec(
        selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(labels: ["app": "web"], containers: [Self.nginx()])))
    Defaulting.apply(to: &d)
    #expect(d.spec.replicas == 1)
    #expect(d.spec.strategy.type == "RollingUpdate")
    #expect(
      d.spec.strategy.rollingUpdate == RollingUpdateDeployment(maxUnavailable: .string("25%"), maxSurge: .string("25%"))
    )
    #expect(d.spec.revisionHistoryLimit == 10 && d.spec.progressDeadlineSeconds == 600)
    #expect(d.spec.template.spec.restartPolicy == "Always" && d.spec.template.spec.schedulerName == "default-scheduler")
    #expect(d.spec.template.spec.containers[0].imagePullPolicy == "IfNotPresent")
    #expect(d.spec.template.spec.enableServiceLinks == nil)
    // Recreate gets no rollingUpdate.
    var r = Deployment(spec: DeploymentSpec(template: PodTemplateSpec()))
    r.spec.strategy.type = "Recreate"
    Defaulting.apply(to: &r)
    #expect(r.spec.strategy.rollingUpdate == nil)
  }

  @Test func replicaSetAndDaemonSetDefaults() {
    var rs = ReplicaSet()
    Defaulting.apply(to: &rs)
    #expect(rs.spec.replicas == 1)
    var ds = DaemonSet()
    Defaulting.apply(to: &ds)
    #expect(ds.spec.updateStrategy.type == "RollingUpdate")
    #expect(ds.spec.updateStrategy.rollingUpdate == RollingUpdateDaemonSet(maxUnavailable: .int(1), maxSurge: .int(0)))
    #expect(ds.spec.revisionHistoryLimit == 10)
  }

  @Test func jobDefaultsAndTheGeneratedSelector() {
    var template = PodTemplateSpec(labels: [:], containers: [Container(name: "pi", image: "perl")])
    template.metadata.labels = nil
    template.spec.restartPolicy = "Never"
    var job = Job(
      metadata: ObjectMeta(name: "pi", namespace: "default"), spec: JobSpec(backoffLimit: 4, template: template))
    Defaulting.apply(to: &job)
    #expect(job.spec.completions == 1 && job.spec.parallelism == 1 && job.spec.backoffLimit == 4)
    #expect(job.spec.completionMode == "NonIndexed" && job.spec.suspend == false && job.spec.manualSelector == false)
    #expect(job.spec.podReplacementPolicy == "TerminatingOrFailed")
    job.metadata.uid = "uid-1"
    job = Defaulting.prepareForCreate(job) as! Job
    let labels = [
      "batch.kubernetes.io/controller-uid": "uid-1", "batch.kubernetes.io/job-name": "pi", "controller-uid": "uid-1",
      "job-name": "pi",
    ]
    #expect(job.spec.template.metadata.labels == labels)
    #expect(job.spec.selector == LabelSelector(matchLabels: ["batch.kubernetes.io/controller-uid": "uid-1"]))
    #expect(job.metadata.labels == labels)
    #expect(job.metadata.generation == 1)
    #expect(Validation.validateCreate(job) == [])
    // Only parallelism given: completions stay unset; backoffLimitPerIndex makes backoffLimit MaxInt32.
    var par = Job(spec: JobSpec(parallelism: 3))
    par.spec.backoffLimitPerIndex = 1
    Defaulting.apply(to: &par)
    #expect(par.spec.completions == nil && par.spec.backoffLimit == Int32.max)
  }

  @Test func serviceDefaults() {
    var svc = Service(
      metadata: ObjectMeta(name: "web"), spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80)]))
    Defaulting.apply(to: &svc)
    #expect(svc.spec.type == "ClusterIP" && svc.spec.sessionAffinity == "None")
    #expect(svc.spec.ports[0].protocol == "TCP" && svc.spec.ports[0].targetPort == .int(80))
    #expect(svc.spec.internalTrafficPolicy == "Cluster" && svc.spec.externalTrafficPolicy == "")
    #expect(svc.spec.ipFamilies == ["IPv4"] && svc.spec.ipFamilyPolicy == "SingleStack")
    var lb = Service(
      spec: ServiceSpec(type: "LoadBalancer", ports: [ServicePort(port: 80, targetPort: .string("http"))]))
    lb.spec.sessionAffinity = "ClientIP"
    Defaulting.apply(to: &lb)
    #expect(lb.spec.externalTrafficPolicy == "Cluster" && lb.spec.allocateLoadBalancerNodePorts == true)
    #expect(lb.spec.ports[0].targetPort == .string("http"))
    #expect(lb.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == 10800)
    var ext = Service(spec: ServiceSpec(type: "ExternalName"))
    Defaulting.apply(to: &ext)
    #expect(ext.spec.ipFamilyPolicy == nil && ext.spec.internalTrafficPolicy == nil)
  }

  @Test func namespaceSecretNodeAndRBACDefaults() {
    var ns = Namespace(name: "dev")
    Defaulting.apply(to: &ns)
    #expect(ns.metadata.labels == ["kubernetes.io/metadata.name": "dev"])
    #expect(ns.status.phase == "Active")
    ns = Defaulting.prepareForCreate(ns) as! Namespace
    #expect(ns.spec.finalizers == ["kubernetes"])

    var secret = Secret(data: ["a": "b2xk"])
    secret.stringData = ["a": "new", "user": "admin"]
    Defaulting.apply(to: &secret)
    #expect(secret.type == "Opaque")
    #expect(secret.data == ["a": "bmV3", "user": "YWRtaW4="])
    #expect(secret.stringData.isEmpty)

    var node = Node(status: NodeStatus(capacity: ["cpu": "4", "pods": "110"]))
    Defaulting.apply(to: &node)
    #expect(node.status.allocatable == ["cpu": "4", "pods": "110"])

    var rb = RoleBinding(
      subjects: [Subject(kind: "User", name: "jane"), Subject(kind: "ServiceAccount", name: "sa", namespace: "ns")],
      roleRef: RoleRef(apiGroup: "", kind: "Role", name: "reader"))
    Defaulting.apply(to: &rb)
    #expect(rb.roleRef.apiGroup == "rbac.authorization.k8s.io")
    #expect(rb.subjects.map(\.apiGroup) == ["rbac.authorization.k8s.io", ""])

    var slice = EndpointSlice(ports: [EndpointSlicePort(port: 80)])
    Defaulting.apply(to: &slice)
    #expect(slice.ports[0].name == "" && slice.ports[0].protocol == "TCP")
  }

  @Test func base64RoundTrips() {
    for text in ["", "a", "ab", "abc", "abcd", "hello world"] {
      let encoded = Base64.encode(Array(text.utf8))
      #expect(Base64.decode(encoded) == Array(text.utf8))
    }
    #expect(Base64.encode(Array("hello".utf8)) == "aGVsbG8=")
  }

  @Test func defaultTolerationSecondsRespectsExistingTolerations() {
    var pod = Pod(spec: PodSpec(containers: [Self.nginx()]))
    pod.spec.tolerations = [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists")]
    PodAdmissionDefaults.defaultTolerations(&pod)
    #expect(pod.spec.tolerations.map(\.key) == ["node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready"])
    var all = Pod(spec: PodSpec(containers: [Self.nginx()]))
    all.spec.tolerations = [Toleration(operator: "Exists")]
    PodAdmissionDefaults.defaultTolerations(&all)
    #expect(all.spec.tolerations.count == 1)
  }

  @Test func priorityAdmission() {
    var pod = Pod(spec: PodSpec(containers: [Self.nginx()]))
    pod.spec.priorityClassName = "system-node-critical"
    #expect(PodAdmissionDefaults.priority(&pod) == nil)
    #expect(pod.spec.priority == 2_000_001_000)
    var unknown = Pod()
    unknown.spec.priorityClassName = "gold"
    #expect(PodAdmissionDefaults.priority(&unknown) == "no PriorityClass with name gold was found")
  }
}
