/*
 * The floor under the app's cold start: a bare WebKitGTK window, as Tauri makes one (GTK 3,
 * webkit2gtk-4.1), loading a page of two lines that reports, in its own clock, when it
 * began, when its script ran and its first frame after drawing. No Rust, no Tauri, no plan:
 * what is left is WebKit's own start on this machine, which no change in the app can remove.
 *
 * argv[1]: the wall-clock time, in ms since the epoch, just before this program was
 * exec'd (the launcher takes it); the times printed count from it.
 */
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <webkit2/webkit2.h>

static double exec_ms;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static void on_done(WebKitUserContentManager *manager, WebKitJavascriptResult *result,
                    gpointer unused) {
  (void)manager;
  (void)unused;
  char *times = jsc_value_to_string(webkit_javascript_result_get_js_value(result));
  double origin = 0, script = 0, frame = 0;
  if (sscanf(times, "%lf %lf %lf", &origin, &script, &frame) != 3) {
    fprintf(stderr, "unexpected report from the page: %s\n", times);
    exit(1);
  }
  printf("page begins %.0f ms, script runs %.0f ms, first frame %.0f ms\n", origin - exec_ms,
         origin + script - exec_ms, origin + frame - exec_ms);
  g_free(times);
  exit(0);
}

int main(int argc, char **argv) {
  exec_ms = argc > 1 ? atof(argv[1]) : now_ms();
  gtk_init(&argc, &argv);
  GtkWidget *window = gtk_window_new(GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size(GTK_WINDOW(window), 1366, 768);
  WebKitUserContentManager *manager = webkit_user_content_manager_new();
  g_signal_connect(manager, "script-message-received::done", G_CALLBACK(on_done), NULL);
  webkit_user_content_manager_register_script_message_handler(manager, "done");
  GtkWidget *view = webkit_web_view_new_with_user_content_manager(manager);
  gtk_container_add(GTK_CONTAINER(window), view);
  /* The second animation frame after the script: the first one drawn with the text. */
  webkit_web_view_load_html(
      WEBKIT_WEB_VIEW(view),
      "<!doctype html><html><body><h1>NAP Studio</h1><p>Total cost 1,234,567 KHR</p><script>"
      "const ran = performance.now();"
      "requestAnimationFrame(() => requestAnimationFrame(() =>"
      " window.webkit.messageHandlers.done.postMessage("
      "  performance.timeOrigin + ' ' + ran + ' ' + performance.now())));"
      "</script></body></html>",
      "http://localhost/");
  gtk_widget_show_all(window);
  gtk_main();
  return 0;
}
