// Compares the simulation's kubectl with what the real kubectl printed for the same command lines.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct RealKubectlTests {
  @Test(arguments: RealKubectlOutputs.cases.map(\.command))
  func sameOutputAsTheRealKubectl(command: String) {
    let expected = RealKubectlOutputs.cases.first { $0.command == command }!
    let lab = Lab()
    let r = lab.kubectl.run(command.split(separator: " ").map(String.init), stdin: nil, workingDirectory: "/")
    expectText(r.stdout + r.stderr, expected.output)
    #expect(r.exitCode == expected.exitCode)
  }
}
