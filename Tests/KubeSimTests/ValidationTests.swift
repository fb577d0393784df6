// ValidationTests: upstream's field errors and the Invalid Status message, word for word.

import Testing

@testable import KubeSim

@Suite struct ValidationTests {
  static let subdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"

  static func pod(_ name: String = "web", _ edit: (inout Pod) -> Void = { _ in }) -> Pod {
    var p = Pod(
      metadata: ObjectMeta(name: name, namespace: "default"),
      spec: PodSpec(containers: [Container(name: "nginx", image: "nginx", ports: [ContainerPort(containerPort: 80)])]))
    edit(&p)
    Defaulting.apply(to: &p)
    return p
  }

  static func deployment(_ edit: (inout Deployment) -> Void = { _ in }) -> Deployment {
    var d = Deployment(
      metadata: ObjectMeta(name: "web", namespace: "default"),
      spec: DeploymentSpec(
        replicas: 2, selector: LabelSelector(matchLabels: ["app": "web"]),
        template: PodTemplateSpec(labels: ["app": "web"], containers: [Container(name: "nginx", image: "nginx")])))
    edit(&d)
    Defaulting.apply(to: &d)
    return d
  }

  @Test func validObjectsHaveNoErrors() {
    #expect(Validation.validateCreate(Self.pod()) == [])
    #expect(Validation.validateCreate(Self.deployment()) == [])
    var svc = Service(
      metadata: ObjectMeta(name: "web", namespace: "default"),
      spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(port: 80)]))
    Defaulting.apply(to: &svc)
    #expect(Validation.validateCreate(svc) == [])
    var ns = Namespace(name: "dev")
    Defaulting.apply(to: &ns)
    #expect(Validation.validateCreate(ns) == [])
  }

  /// One invalid pod per case: the edit and upstream's exact errors.
  enum PodCase: CaseIterable, Sendable {
    case missingImage, uppercaseName, noContainers, portOutOfRange, portZero, restartPolicy, dnsPolicy, pullPolicy,
      duplicateContainer, requestAboveLimit, tolerationOperatorAndEffect, emptyKeyToleration, unknownVolumeMount,
      livenessSuccessThreshold, nodeAffinityValues

    func edit(_ p: inout Pod) {
      switch self {
      case .missingImage: p.spec.containers[0].image = ""
      case .uppercaseName: p.metadata.name = "Web"
      case .noContainers: p.spec.containers = []
      case .portOutOfRange: p.spec.containers[0].ports[0].containerPort = 70000
      case .portZero: p.spec.containers[0].ports[0].containerPort = 0
      case .restartPolicy: p.spec.restartPolicy = "Sometimes"
      case .dnsPolicy: p.spec.dnsPolicy = "Google"
      case .pullPolicy: p.spec.containers[0].imagePullPolicy = "Sometimes"
      case .duplicateContainer: p.spec.containers.append(Container(name: "nginx", image: "busybox"))
      case .requestAboveLimit:
        p.spec.containers[0].resources = ResourceRequirements(limits: ["cpu": "1"], requests: ["cpu": "2"])
      case .tolerationOperatorAndEffect:
        p.spec.tolerations = [Toleration(key: "k", operator: "Maybe", effect: "NoWhere")]
      case .emptyKeyToleration: p.spec.tolerations = [Toleration(value: "x", tolerationSeconds: 5)]
      case .unknownVolumeMount: p.spec.containers[0].volumeMounts = [VolumeMount(name: "data", mountPath: "/data")]
      case .livenessSuccessThreshold:
        p.spec.containers[0].livenessProbe = Probe(exec: ExecAction(command: ["true"]), successThreshold: 2)
      case .nodeAffinityValues:
        p.spec.affinity = Affinity(
          nodeAffinity: NodeAffinity(
            requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
              NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "zone", operator: "In")])
            ])))
      }
    }

    var expected: [String] {
      switch self {
      case .missingImage: return ["spec.containers[0].image: Required value"]
      case .uppercaseName: return ["metadata.name: Invalid value: \"Web\": " + subdomainMessage]
      case .noContainers: return ["spec.containers: Required value"]
      case .portOutOfRange:
        return [
          "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"
        ]
      case .portZero: return ["spec.containers[0].ports[0].containerPort: Required value"]
      case .restartPolicy:
        return [
          "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        ]
      case .dnsPolicy:
        return [
          "spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""
        ]
      case .pullPolicy:
        return [
          "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""
        ]
      case .duplicateContainer: return ["spec.containers[1].name: Duplicate value: \"nginx\""]
      case .requestAboveLimit:
        return [
          "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
        ]
      case .tolerationOperatorAndEffect:
        return [
          "spec.tolerations[0].operator: Unsupported value: \"Maybe\": supported values: \"Equal\", \"Exists\"",
          "spec.tolerations[0].effect: Unsupported value: \"NoWhere\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        ]
      case .emptyKeyToleration:
        return [
          "spec.tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
          "spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        ]
      case .unknownVolumeMount: return ["spec.containers[0].volumeMounts[0].name: Not found: \"data\""]
      case .livenessSuccessThreshold:
        return ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]
      case .nodeAffinityValues:
        return [
          "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
        ]
      }
    }
  }

  @Test(arguments: PodCase.allCases)
  func podErrors(c: PodCase) {
    #expect(Validation.validateCreate(Self.pod("web", c.edit)).map(\.description) == c.expected)
  }

  @Test func deploymentWithoutSelectorNamesBothErrors() {
    let d = Self.deployment { $0.spec.selector = nil }
    let errs = Validation.validateCreate(d)
    #expect(
      errs.map(\.description) == [
        "spec.selector: Required value",
        "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
      ])
    let status = Status.invalid(d, errors: errs)
    #expect(
      status.message
        == "Deployment.apps \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]"
    )
    #expect(status.code == 422 && status.reason == "Invalid")
    #expect(status.details?.kind == "Deployment" && status.details?.group == "apps")
    #expect(
      status.details?.causes.first
        == StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.selector"))
  }

  @Test func singleErrorMessageHasNoBrackets() {
    let d = Self.deployment { $0.spec.replicas = -1 }
    #expect(
      Validation.invalidStatus(creating: d)?.message
        == "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0")
  }

  @Test func workloadTemplateRules() {
    let d = Self.deployment {
      $0.spec.template.spec.restartPolicy = "Never"
      $0.spec.selector = LabelSelector(matchLabels: [:])
      $0.spec.strategy = DeploymentStrategy(
        type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: .int(0), maxSurge: .string("0%")))
    }
    #expect(
      Validation.validateCreate(d).map(\.description) == [
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
      ])
  }

  @Test func jobRestartPolicyMustBeOnFailureOrNever() {
    var job = Job(
      metadata: ObjectMeta(name: "pi", namespace: "default"),
      spec: JobSpec(template: PodTemplateSpec(labels: [:], containers: [Container(name: "pi", image: "perl")])))
    Defaulting.apply(to: &job)
    job.metadata.uid = "u1"
    job = Defaulting.prepareForCreate(job) as! Job
    #expect(
      Validation.validateCreate(job).map(\.description) == [
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
      ])
  }

  @Test func serviceNamesAreDNS1035LabelsAndTypesAreChecked() {
    var svc = Service(
      metadata: ObjectMeta(name: "1web", namespace: "default"),
      spec: ServiceSpec(type: "Internal", ports: [ServicePort(port: 80, nodePort: 30080)]))
    Defaulting.apply(to: &svc)
    #expect(
      Validation.validateCreate(svc).map(\.description) == [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
      ])
  }

  @Test func immutableFieldsOnUpdate() {
    let old = Self.deployment()
    let new = Self.deployment {
      $0.spec.selector = LabelSelector(matchLabels: ["app": "web2"])
      $0.spec.template.metadata.labels = ["app": "web2"]
    }
    #expect(
      Validation.validateUpdate(new, old: old).map(\.description) == [
        "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
      ])

    var oldSvc = Service(
      metadata: ObjectMeta(name: "web", namespace: "default"), spec: ServiceSpec(ports: [ServicePort(port: 80)]))
    Defaulting.apply(to: &oldSvc)
    oldSvc.spec.clusterIP = "10.96.0.10"
    oldSvc.spec.clusterIPs = ["10.96.0.10"]
    var newSvc = oldSvc
    newSvc.spec.clusterIP = "10.96.0.11"
    newSvc.spec.clusterIPs = ["10.96.0.11"]
    #expect(
      Validation.validateUpdate(newSvc, old: oldSvc).map(\.description) == [
        "spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set"
      ])
  }

  @Test func podUpdatesMayOnlyChangeImagesDeadlinesAndAddTolerations() {
    let old = Self.pod()
    var image = old
    image.spec.containers[0].image = "nginx:1.27"
    image.spec.tolerations.append(Toleration(key: "k", operator: "Exists"))
    #expect(Validation.validateUpdate(image, old: old) == [])
    var env = old
    env.spec.containers[0].env = [EnvVar(name: "A", value: "1")]
    #expect(
      Validation.validateUpdate(env, old: old).map(\.description) == [
        "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
      ])
  }

  @Test func labelsAndMetadata() {
    var cm = ConfigMap(metadata: ObjectMeta(name: "cfg", labels: ["app": "bad value"]), data: ["bad key": "x"])
    cm.metadata.annotations = ["/x": "y"]
    #expect(
      Validation.validateCreate(cm).map(\.description) == [
        "metadata.namespace: Required value",
        "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        "metadata.annotations: Invalid value: \"/x\": prefix part must be non-empty",
        "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ])
    var ns = Namespace(name: "Dev")
    ns.metadata.namespace = "x"
    #expect(
      Validation.validateCreate(ns).map(\.description).last == "metadata.namespace: Forbidden: not allowed on this type"
    )
  }

  @Test func rbacChecks() {
    var rb = RoleBinding(
      metadata: ObjectMeta(name: "read", namespace: "default"), subjects: [Subject(kind: "Robot", name: "r2")],
      roleRef: RoleRef(kind: "Deployment", name: "reader"))
    Defaulting.apply(to: &rb)
    #expect(
      Validation.validateCreate(rb).map(\.description) == [
        "roleRef.kind: Unsupported value: \"Deployment\": supported values: \"Role\", \"ClusterRole\"",
        "subjects[0].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"",
      ])
    let role = Role(metadata: ObjectMeta(name: "r", namespace: "default"), rules: [PolicyRule(verbs: [])])
    #expect(
      Validation.validateCreate(role).map(\.description) == [
        "rules[0].verbs: Required value: verbs must contain at least one value",
        "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
        "rules[0].resources: Required value: resource rules must supply at least one resource",
      ])
  }

  @Test func aggregateDropsDuplicateMessages() {
    let e = FieldError.required("spec.x")
    #expect([e, e].aggregateMessage == "spec.x: Required value")
    #expect([FieldError]().aggregateMessage == nil)
    #expect(
      Status.invalid(kind: "Pod", group: "", name: "p", errors: [e]).message
        == "Pod \"p\" is invalid: spec.x: Required value")
  }

  @Test func goQuoting() {
    #expect(GoSyntax.quote("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"")
    #expect(GoSyntax.stringMap(["b": "2", "a": "1"]) == "map[string]string{\"a\":\"1\", \"b\":\"2\"}")
    #expect(GoSyntax.stringMap(nil) == "map[string]string(nil)")
  }
}
