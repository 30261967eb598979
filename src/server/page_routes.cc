// A page as an image (PNG, 150 dpi, upright, cached) and the words on it with
// their boxes: what the review screen draws and offers to click.
#include "server/api_response.h"
#include "server/page_image_cache.h"
#include "server/routes.h"

namespace quai::server {

void AddPageRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/documents/{id}/pages/{n}.png", Permission::kRead, [&context](Call& call) {
    auto record = FindDocumentById(context, call);
    if (!record.ok()) return SendStatus(call.response, record.status());
    if (record->status == DocumentStatus::kRefused)
      return SendError(call.response, 404, "not_found", "document " + call.Param("id") + " was refused: " + record->error);
    const int64_t number = call.Number("n");
    if (number < 1 || number > 100000)
      return SendError(call.response, 404, "not_found", "no page " + call.Param("n"));
    auto png = context.page_images->PagePng(*record, static_cast<int>(number));
    if (!png.ok()) return SendStatus(call.response, png.status());
    call.response.status = 200;
    // Never kept by the browser: a page stays private once its reader logs out.
    call.response.SetHeader("Cache-Control", "private, no-store");
    call.response.SetContent(std::move(png).value(), "image/png");
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}/pages/{n}/words", Permission::kRead, [&context](Call& call) {
    auto record = FindDocumentById(context, call);
    if (!record.ok()) return SendStatus(call.response, record.status());
    if (record->status != DocumentStatus::kProcessed)
      return SendError(call.response, 404, "not_found",
                       "document " + call.Param("id") + " has no words: it is " + DocumentStatusName(record->status));
    const int64_t number = call.Number("n");
    auto page = number <= 100000 ? context.workspace->LoadPage(record->id, static_cast<int>(number))
                                 : Result<std::optional<Page>>(std::optional<Page>());
    if (!page.ok()) return SendStatus(call.response, page.status());
    if (page->has_value()) {
      nlohmann::json words = nlohmann::json::array();
      for (const Word& word : (*page)->words)
        words.push_back({{"text", word.text}, {"box", {word.box.x0, word.box.y0, word.box.x1, word.box.y1}},
                         {"line", word.line}});
      return SendJson(call.response, 200,
                      {{"page", (*page)->number}, {"width", (*page)->width}, {"height", (*page)->height},
                       {"words", words}});
    }
    SendError(call.response, 404, "not_found", "document " + call.Param("id") + " has no page " + call.Param("n"));
  });
}

}  // namespace quai::server
