// Tests for ResourceList sums and accessors.
import Testing

@testable import KubeSim

@Suite struct ResourceListTests {
  let small: ResourceList = ["cpu": "100m", "memory": "64Mi"]
  let large: ResourceList = ["cpu": "1", "memory": "1Gi", "pods": "110"]

  @Test func accessors() {
    #expect(large.cpu == Quantity("1"))
    #expect(large.milliCPU == 1000)
    #expect(large.memoryBytes == 1 << 30)
    #expect(large.pods?.value == 110)
    #expect(small.pods == nil)
    #expect(ResourceList().milliCPU == 0)
  }

  @Test func addAndSubtract() {
    let sum = small.adding(large)
    #expect(sum["cpu"]?.description == "1100m")
    #expect(sum["memory"]?.description == "1088Mi")
    #expect(sum["pods"]?.description == "110")
    let difference = small.subtracting(large)
    #expect(difference["cpu"]?.description == "-900m")
    #expect(difference["pods"]?.description == "-110")
    #expect(sum.subtracting(large) == small.adding(["pods": "0"]))
  }

  @Test func sumOfMany() {
    let total = ResourceList.sum(Array(repeating: small, count: 10))
    #expect(total["cpu"]?.description == "1")
    #expect(total["memory"]?.description == "640Mi")
    #expect(ResourceList.sum([]).isEmpty)
  }

  @Test func exceeding() {
    #expect(large.namesExceeding(small) == ["cpu", "memory", "pods"])
    #expect(small.namesExceeding(large) == [])
  }
}
