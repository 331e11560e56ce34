// helpsite search, loaded by the results page only (site.yaml `search: true`): other pages' header field is a
// plain form that opens the results page, shown by a one-line inline script, so no page pays for search code
// before the reader searches.
// - Shows the search fields: they are hidden in the HTML, so a reader without JavaScript never meets a
//   field that cannot work (the results page tells them so and links to the topics instead).
// - On the results page, runs the query through Pagefind in the page's language: the written pages from
//   `data-bundle`, and where the language shows fallback pages, those from `data-fallback-bundle`, indexed
//   in the language they are written in. Each bundle is its own module (own worker and stemmer), so
//   neither is searched with the other's stemmer. All text comes from the page's data attributes.

for (const form of document.querySelectorAll("[data-search-form]")) form.hidden = false;

const page = document.querySelector("[data-search-page]");
if (page) startResultsPage(page);

function startResultsPage(page) {
  const text = page.dataset;
  const language = document.documentElement.lang;
  const form = page.querySelector("form");
  const input = form.querySelector("input[type=search]");
  const clear = form.querySelector("[data-search-clear]");
  const status = page.querySelector("[data-search-status]");
  const list = page.querySelector("[data-search-results]");
  const noScript = page.querySelector("[data-search-noscript]");
  if (noScript) noScript.hidden = true;
  const plural = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const limit = 30;
  let bundles = null;
  let latest = 0;
  let timer = 0;

  function countText(count) {
    const category = plural.select(count);
    const key = "results" + category.charAt(0).toUpperCase() + category.slice(1);
    return (text[key] || text.resultsOther).replace("{count}", numbers.format(count));
  }

  async function open(url) {
    const pagefind = await import(url + "pagefind.js");
    await pagefind.options({ baseUrl: text.basePath, excerptLength: 24 });
    return pagefind;
  }

  function load() {
    bundles ??= Promise.all([
      text.hasOwnPages === "true" ? open(text.bundle) : null,
      text.fallbackBundle ? open(text.fallbackBundle) : null,
    ]);
    return bundles;
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words; only the text and the marks are kept.
  function excerpt(html) {
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const fragment = document.createDocumentFragment();
    for (const node of parsed.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        fragment.append(mark);
      } else {
        fragment.append(node.textContent);
      }
    }
    return fragment;
  }

  function item(data, isFallback) {
    const entry = document.createElement("li");
    entry.className = "search-result";
    const link = document.createElement("a");
    link.className = "search-result__title";
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const heading = document.createElement("h2");
    heading.append(link);
    entry.append(heading);
    if (isFallback) {
      heading.lang = text.fallbackLanguage;
      heading.dir = text.fallbackDirection;
      const label = document.createElement("p");
      label.className = "search-result__only-in";
      label.textContent = text.onlyIn;
      entry.append(label);
    }
    const summary = document.createElement("p");
    summary.className = "search-result__excerpt";
    if (isFallback) {
      summary.lang = text.fallbackLanguage;
      summary.dir = text.fallbackDirection;
    }
    summary.append(excerpt(data.excerpt));
    entry.append(summary);
    return entry;
  }

  function remember(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  }

  async function run(raw) {
    const search = ++latest;
    const query = raw.trim();
    remember(query);
    clear.hidden = !raw;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      page.removeAttribute("aria-busy");
      return;
    }
    page.setAttribute("aria-busy", "true");
    status.textContent = text.loading;
    try {
      const [own, fallback] = await load();
      const [written, shown] = await Promise.all([
        own ? own.search(query) : null,
        fallback ? fallback.search(query, { filters: { language } }) : null,
      ]);
      const found = [
        ...(written?.results ?? []).map((result) => [result, false]),
        ...(shown?.results ?? []).map((result) => [result, true]),
      ];
      const data = await Promise.all(found.slice(0, limit).map(([result]) => result.data()));
      if (search !== latest) return;
      list.replaceChildren(...data.map((entry, index) => item(entry, found[index][1])));
      status.textContent = found.length ? countText(found.length) : text.noResults.replace("{query}", query);
    } catch (error) {
      if (search !== latest) return;
      console.error(error);
      list.replaceChildren();
      status.textContent = text.unavailable;
    }
    page.removeAttribute("aria-busy");
  }

  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 200);
  });
  clear.addEventListener("click", () => {
    input.value = "";
    run("");
    input.focus();
  });
  const initial = new URL(location.href).searchParams.get("q") || "";
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
