"""What a browser does with a form: load the page, take the form's fields with their
defaults, fill in what the user types or picks (options by their visible label), post.

Fields the replay does not name keep what the page gives them, so the replay keeps working
as forms gain fields with sensible defaults.
"""

from urllib.parse import urljoin

import lxml.html


class FormError(AssertionError):
    pass


ALL = "every box of the group"


class Picked(str):
    """A value the page's search picker adds to a select (a member's pk), posted as is."""


def _text(element):
    return " ".join(element.text_content().split())


def _labels(tree):
    return {label.get("for"): _text(label) for label in tree.iter("label") if label.get("for")}


def _choose(options, wanted, name):
    """The option value whose label (or value) is ``wanted``: exact first, then containing."""
    wanted = str(wanted)
    for value, label in options:
        if label == wanted or value == wanted:
            return value
    for value, label in options:
        if wanted in label:
            return value
    raise FormError("{}: no option {!r} among {}".format(name, wanted, [label for _v, label in options]))


class Browser:
    def __init__(self, client):
        self.client = client

    def page(self, url):
        response = self.client.get(url)
        if response.status_code != 200:
            raise FormError("GET {} → {}".format(url, response.status_code))
        return response

    def fields(self, url, marker=None, action=None):
        """The names of the fields of the post form on ``url`` (for looking around)."""
        form, _tree = self._form(self.page(url), url, marker, action)
        return sorted({el.get("name") for el in form.iter("input", "select", "textarea") if el.get("name")})

    def _form(self, response, url, marker, action=None, where=None):
        tree = lxml.html.fromstring(response.content.decode())
        forms = [f for f in tree.iter("form") if (f.get("method") or "").lower() == "post"]
        if marker:
            forms = [f for f in forms if f.xpath(".//*[@name=$n]", n=marker)]
        if action:
            forms = [f for f in forms if (f.get("action") or "").split("?")[0].endswith(action)]
        for name, value in (where or {}).items():
            forms = [f for f in forms if f.xpath(".//input[@name=$n and @value=$v]", n=name, v=str(value))]
        # The page's main form: the one with the most fields.
        forms.sort(key=lambda f: -len(f.xpath(".//input|.//select|.//textarea")))
        if not forms:
            raise FormError("{}: no post form".format(url))
        return forms[0], tree

    def links(self, url, ending):
        """The addresses of the links on ``url`` that end with ``ending``."""
        tree = lxml.html.fromstring(self.page(url).content.decode())
        return [
            urljoin(url, a.get("href")) for a in tree.iter("a") if (a.get("href") or "").split("?")[0].endswith(ending)
        ]

    def options(self, url, name):
        """The visible labels of the select ``name`` on ``url``."""
        tree = lxml.html.fromstring(self.page(url).content.decode())
        return [_text(o) for o in tree.xpath("//select[@name=$n]/option", n=name)]

    def values(self, url, name):
        """The values of the inputs named ``name`` on ``url`` (hidden keys of repeated forms)."""
        tree = lxml.html.fromstring(self.page(url).content.decode())
        return [el.get("value") for el in tree.xpath("//input[@name=$n]", n=name)]

    def submit(self, url, values, marker=None, expect=302, action=None, where=None):
        """GET ``url``, fill its main post form with ``values`` and post it.

        ``values`` maps a field name to what the user types; for a select, a checkbox group
        or a radio group, the visible label of the choice (a list for several choices);
        ``True``/``False`` ticks a lone checkbox, ``ALL`` every box of a group; ``where``
        picks, among repeated forms, the one with an input of that name and value. Unknown
        names are an error: the replay must say what the page really has.
        """
        response = self.page(url)
        form, tree = self._form(response, url, marker, action, where)
        labels = _labels(tree)
        data = {}
        groups = {}
        for el in form.iter("input", "select", "textarea"):
            name = el.get("name")
            if not name or el.get("disabled") is not None:
                continue
            if el.tag == "textarea":
                data[name] = el.text or ""
            elif el.tag == "select":
                options = [(o.get("value", _text(o)), _text(o)) for o in el.iter("option")]
                groups[name] = ("select-multiple" if el.get("multiple") is not None else "select", options)
                chosen = [o.get("value", _text(o)) for o in el.iter("option") if o.get("selected") is not None]
                if el.get("multiple") is not None:
                    data[name] = chosen
                else:
                    data[name] = chosen[0] if chosen else (options[0][0] if options else "")
            else:
                kind = (el.get("type") or "text").lower()
                if kind in ("submit", "button", "reset", "image", "file"):
                    continue
                if kind in ("checkbox", "radio"):
                    label = labels.get(el.get("id")) or _text(el.getparent())
                    kind_options = groups.setdefault(name, (kind, []))[1]
                    kind_options.append((el.get("value", "on"), label))
                    if el.get("checked") is not None:
                        data.setdefault(name, []).append(el.get("value", "on"))
                    else:
                        data.setdefault(name, [])
                else:
                    data[name] = el.get("value", "")
        for name, wanted in values.items():
            if name not in data:
                raise FormError("{}: no field {!r} (fields: {})".format(url, name, sorted(data)))
            if name in groups:
                kind, options = groups[name]
                picked = isinstance(wanted, list) and wanted and all(isinstance(w, Picked) for w in wanted)
                if isinstance(wanted, Picked) or picked:
                    data[name] = list(wanted) if isinstance(wanted, list) else wanted
                elif wanted is ALL:
                    data[name] = [value for value, _label in options]
                elif isinstance(wanted, bool):
                    data[name] = [options[0][0]] if wanted else []
                elif isinstance(wanted, (list, tuple)):
                    data[name] = [_choose(options, w, name) for w in wanted]
                else:
                    value = _choose(options, wanted, name)
                    data[name] = [value] if kind in ("checkbox", "select-multiple") else value
            else:
                data[name] = "" if wanted is None else str(wanted)
        data = {k: v for k, v in data.items() if v != []}
        for name, value in list(data.items()):
            if isinstance(value, list) and len(value) == 1 and groups.get(name, ("",))[0] == "radio":
                data[name] = value[0]
        target = urljoin(url, form.get("action") or url)
        posted = self.client.post(target, data)
        if posted.status_code != expect:
            raise FormError("POST {} → {}: {}".format(target, posted.status_code, self._errors(posted)))
        if posted.status_code == 302 and action:
            # Buttons posting to another address refuse with a message on the page they send
            # the browser back to (a form page re-renders with its errors instead).
            landed = self.client.get(posted["Location"])
            refused = self._refusals(landed)
            if refused:
                raise FormError("POST {} refused: {}".format(target, refused))
        return posted

    def _refusals(self, response):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return ""
        tree = lxml.html.fromstring(response.content.decode())
        alerts = tree.xpath("//*[@role='alert' and contains(@class,'alert-danger')]")
        return " | ".join(_text(e) for e in alerts)

    def _errors(self, response):
        if not response.content:
            return ""
        tree = lxml.html.fromstring(response.content.decode())
        found = tree.xpath(
            "//*[contains(@class,'invalid-feedback') or contains(@class,'errorlist')"
            " or contains(@class,'alert-danger')]"
        )
        return " | ".join(_text(e) for e in found if _text(e)) or _text(tree)[:400]

    def created_pk(self, response):
        """The pk in the address a create form redirects to (…/<pk>/…), if any."""
        parts = [p for p in response["Location"].split("?")[0].split("/") if p.isdigit()]
        return int(parts[-1]) if parts else None
