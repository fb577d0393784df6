import KubeSim
import Testing

@testable import Kubectl

@Test func scratch() throws {
  let lab = Lab()
  lab.addNode("node-1", ip: "192.168.56.11")
  let p = lab.addPod("web")
  let back = try Pod.decode(from: p.json).object
  print(back == p)
  print(MergePatch.diff(from: p.json, to: back.json) ?? "same json")
  print(back.spec == p.spec)
  for (a, b) in zip(back.spec.volumes, p.spec.volumes) { print(a == b, a, b) }
}
