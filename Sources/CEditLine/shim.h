// libedit's native interface (editline + history) for the REPL's line editor.
// el_set/el_get/history are variadic, which Swift cannot call: these inline wrappers fix the types.
#include <stdio.h>
#include <histedit.h>

static inline int kl_el_set_prompt(EditLine *el, char *(*f)(EditLine *)) { return el_set(el, EL_PROMPT, f); }
static inline int kl_el_set_prompt_esc(EditLine *el, char *(*f)(EditLine *), char esc) {
  return el_set(el, EL_PROMPT_ESC, f, esc);
}
static inline int kl_el_set_rprompt(EditLine *el, char *(*f)(EditLine *)) { return el_set(el, EL_RPROMPT, f); }
static inline int kl_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int kl_el_set_hist(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int kl_el_addfn(EditLine *el, const char *name, const char *help,
                              unsigned char (*f)(EditLine *, int)) {
  return el_set(el, EL_ADDFN, name, help, f);
}
static inline int kl_el_bind(EditLine *el, const char *key, const char *cmd) {
  return el_set(el, EL_BIND, key, cmd, NULL);
}
static inline int kl_el_set_clientdata(EditLine *el, void *d) { return el_set(el, EL_CLIENTDATA, d); }
static inline void *kl_el_get_clientdata(EditLine *el) {
  void *d = NULL;
  el_get(el, EL_CLIENTDATA, &d);
  return d;
}
static inline int kl_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int kl_el_source_default(EditLine *el) { return el_source(el, NULL); }
static inline int kl_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int kl_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int kl_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int kl_history_load(History *h, HistEvent *ev, const char *file) { return history(h, ev, H_LOAD, file); }
static inline int kl_history_save(History *h, HistEvent *ev, const char *file) { return history(h, ev, H_SAVE, file); }
static inline FILE *kl_stdin(void) { return stdin; }
static inline FILE *kl_stdout(void) { return stdout; }
static inline FILE *kl_stderr(void) { return stderr; }
