// libedit's native interface (editline + history) for the REPL's line editor.
#include <stdio.h>
#include <histedit.h>
