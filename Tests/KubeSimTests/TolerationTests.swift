// TolerationTests: upstream's toleration/taint matching (ToleratesTaint, MatchToleration).

import Testing

@testable import KubeSim

@Suite struct TolerationTests {
  static let taint = Taint(key: "dedicated", value: "gpu", effect: TaintEffect.noSchedule)

  @Test(arguments: [
    // Empty key + Exists matches every taint.
    (Toleration(operator: "Exists"), true),
    // Exists on the key matches any value; effect empty matches every effect.
    (Toleration(key: "dedicated", operator: "Exists"), true),
    (Toleration(key: "dedicated", operator: "Exists", effect: "NoSchedule"), true),
    (Toleration(key: "dedicated", operator: "Exists", effect: "NoExecute"), false),
    // Equal (or empty operator) needs the value.
    (Toleration(key: "dedicated", operator: "Equal", value: "gpu"), true),
    (Toleration(key: "dedicated", value: "gpu", effect: "NoSchedule"), true),
    (Toleration(key: "dedicated", operator: "Equal", value: "cpu"), false),
    (Toleration(key: "other", operator: "Exists"), false),
    // An empty key with Equal matches any key but still compares values (validation forbids it).
    (Toleration(operator: "Equal", value: "gpu"), true),
    (Toleration(key: "dedicated", operator: "Bogus"), false),
  ])
  func toleratesTaint(toleration: Toleration, expected: Bool) {
    #expect(toleration.tolerates(Self.taint) == expected)
  }

  @Test func firstUntoleratedTaintSkipsFilteredAndToleratedTaints() {
    let taints = [
      Taint(key: "a", effect: TaintEffect.preferNoSchedule),
      Taint(key: "b", effect: TaintEffect.noSchedule),
      Taint(key: "c", effect: TaintEffect.noSchedule),
    ]
    let tolerations = [Toleration(key: "b", operator: "Exists")]
    let hard = tolerations.firstUntoleratedTaint(in: taints) { $0.effect != TaintEffect.preferNoSchedule }
    #expect(hard?.key == "c")
    #expect([Toleration(operator: "Exists")].firstUntoleratedTaint(in: taints) == nil)
  }

  @Test func matchToleration() {
    #expect(Toleration(key: "k", value: "v").matches(Toleration(key: "k", operator: "Equal", value: "v")))
    #expect(!Toleration(key: "k", operator: "Exists").matches(Toleration(key: "k", operator: "Equal")))
  }

  @Test func taintStrings() {
    #expect(Self.taint.description == "dedicated=gpu:NoSchedule")
    #expect(Taint(key: "k", effect: "NoExecute").description == "k:NoExecute")
    #expect(Taint(key: "k", effect: "NoExecute").matches(Taint(key: "k", value: "x", effect: "NoExecute")))
  }

  @Test(arguments: [
    (NodeSelectorRequirement(key: "zone", operator: "In", values: ["a", "b"]), ["zone": "a"], true),
    (NodeSelectorRequirement(key: "zone", operator: "In", values: ["a"]), [:], false),
    (NodeSelectorRequirement(key: "zone", operator: "NotIn", values: ["a"]), [:], true),
    (NodeSelectorRequirement(key: "zone", operator: "Exists"), ["zone": ""], true),
    (NodeSelectorRequirement(key: "zone", operator: "DoesNotExist"), ["zone": "a"], false),
    (NodeSelectorRequirement(key: "cores", operator: "Gt", values: ["4"]), ["cores": "8"], true),
    (NodeSelectorRequirement(key: "cores", operator: "Lt", values: ["4"]), ["cores": "8"], false),
    (NodeSelectorRequirement(key: "cores", operator: "Gt", values: ["x"]), ["cores": "8"], false),
  ])
  func nodeSelectorRequirements(r: NodeSelectorRequirement, labels: [String: String], expected: Bool) {
    #expect(r.matches(labels) == expected)
  }

  @Test func nodeSelectorTermsAreORedAndAnEmptyTermMatchesNothing() {
    let selector = NodeSelector(nodeSelectorTerms: [
      NodeSelectorTerm(),
      NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["n2"])]),
    ])
    #expect(selector.matches(labels: [:], nodeName: "n2"))
    #expect(!selector.matches(labels: [:], nodeName: "n1"))
  }
}
