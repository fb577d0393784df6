// Interrupt: Ctrl-C. The handler only raises a flag; the line editor cancels the line it is
// reading and long runs stop at the next phase boundary.
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Set by SIGINT, cleared by whoever handles it.
let interruptRaised = Atomic<Bool>(false)

public enum Interrupt {
  /// Installs the SIGINT handler (without SA_RESTART, so a blocked read returns EINTR).
  public static func install() {
    var action = sigaction()
    #if canImport(Glibc)
      action.__sigaction_handler.sa_handler = { _ in interruptRaised.store(true, ordering: .relaxed) }
    #else
      action.__sigaction_u.__sa_handler = { _ in interruptRaised.store(true, ordering: .relaxed) }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A launcher may have blocked SIGINT (the mask survives exec): unblock it.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Whether Ctrl-C was pressed since the last `clear`.
  public static var raised: Bool { interruptRaised.load(ordering: .relaxed) }

  /// Takes the interrupt: true once per Ctrl-C.
  public static func take() -> Bool { interruptRaised.exchange(false, ordering: .relaxed) }

  public static func clear() { interruptRaised.store(false, ordering: .relaxed) }
}
