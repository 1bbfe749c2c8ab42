#!/usr/bin/env python3
"""The incremental build's oracle on any knowledge base: random edits to a copy of it, each
followed by an incremental build that must equal a full build of the same files (the site
byte for byte, the graph's tables, `vane status --format json`), or fail with the same
errors. RandomEditTests does this on one small fixture in `make test`; this script does it
on whole knowledge bases, with edits read from their own front matter (any field of any
entry), so that what a page shows and its fingerprint does not follow turns up as a page
that differs.

usage: incremental-fuzz.py --vane BIN [--seeds 1,2] [--steps 60] [--git] KB_DIR...
Each KB_DIR holds Content/ (and Site/ if it has one). Exits 1 when any step differed."""
import argparse, datetime, os, random, re, shutil, sqlite3, subprocess, sys, tempfile
import yaml

AVAILABILITY = ['open-source', 'open-weights', 'generally-available', 'preview', 'consumer-only', 'announced', 'closed-to-new', 'deprecated', 'retired']
PRIORITY = ['flagship', 'invested', 'maintained', 'deprioritized', 'sunset', 'discontinued']
GRAPH = ['entities', 'events', 'claims', 'sources', 'reports', 'uses', 'edges', 'status_changes', 'aliases', 'tags', 'scales', 'board', 'exposure']
DAYS = ['2024-01-01', '2025-06-30', '2026-11-26', '2026-12-04', '2027-03-01', '2030-01-01']


class KnowledgeBase:
    """A copy of a knowledge base under edit, read afresh at every step."""

    def __init__(self, root):
        self.root = root

    def files(self):
        out = []
        for folder, _, names in os.walk(os.path.join(self.root, 'Content')):
            out += [os.path.join(folder, n) for n in names if n.endswith('.md')]
        return sorted(out)

    def entries(self):
        """(path, id, kind) of every entry; the kind is its folder under Content/."""
        return [(p, os.path.basename(p)[:-3], os.path.relpath(p, self.root).split(os.sep)[1]) for p in self.files()]

    def ids(self, kind=None):
        return [i for _, i, k in self.entries() if kind is None or k == kind]

    @staticmethod
    def read(path):
        text = open(path).read()
        m = re.match(r'^---\n(.*?\n)---\n?(.*)$', text, re.S)
        if not m:
            return None, text
        try:
            return yaml.safe_load(m.group(1)), m.group(2)
        except yaml.YAMLError:
            return None, text

    @staticmethod
    def write(path, fields, body):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, 'w').write('---\n' + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10000) + '---\n' + body)

    def products(self):
        out = []
        for p, i, k in self.entries():
            fields, _ = self.read(p) if k == 'entities' else (None, None)
            if fields and fields.get('type') in ('product', 'model', 'model-family'):
                out.append((p, i, fields))
        return out


class Editor:
    """One random edit a step: any field of any entry changed by its type, or an edit that
    reaches what pages show of others (status, channels and tiers, successors, uses)."""

    def __init__(self, kb, rng, seed):
        self.kb, self.r, self.seed = kb, rng, seed

    def date(self):
        y, r = self.r.randint(2015, 2028), self.r
        return r.choice([str(y), f'{y}-{r.randint(1, 12):02d}', f'{y}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}', f'{y}-Q{r.randint(1, 4)}'])

    def mutate(self, value, key):
        r, ids = self.r, self.kb.ids()
        if isinstance(value, bool):
            return not value
        if isinstance(value, (int, float)):
            return value + r.randint(1, 5)
        if isinstance(value, datetime.date):
            return self.date()
        if isinstance(value, str):
            if re.fullmatch(r'~?\d{4}(-\d\d(-\d\d)?|-Q\d)?', value):
                return self.date()
            if value in ids:
                return r.choice(ids)
            if key in ('url', 'homepage', 'archive'):
                return f'https://example.com/{r.randint(0, 999)}'
            return f'{value} {r.randint(0, 99)}'
        if isinstance(value, list):
            value = list(value)
            if value and r.random() < 0.4:
                value.pop(r.randrange(len(value)))
            elif not value or all(isinstance(x, str) and x in ids for x in value):
                value.append(r.choice(ids))
            else:
                value.append(f'x{r.randint(0, 99)}')
            return value
        if isinstance(value, dict):
            if not value:
                return {'k': 1}
            key = r.choice(list(value))
            return {**value, key: self.mutate(value[key], key)}
        return value

    def status(self):
        """A status for a random product: a priority, an availability (on one of its
        channels at times), an end, sign-ups closing, or successor advice."""
        products = self.kb.products()
        if not products:
            return None
        _, product, fields = self.r.choice(products)
        r, value = self.r, {}
        if r.random() < 0.5:
            value['priority'] = r.choice(PRIORITY)
        channels = [c if isinstance(c, str) else next(iter(c)) for c in fields.get('channels') or []]
        if r.random() < 0.6 or not value:
            value['availability'] = {r.choice(channels): r.choice(AVAILABILITY)} if channels and r.random() < 0.7 else r.choice(AVAILABILITY)
        if r.random() < 0.3:
            extra = r.choice(['ends', 'closes', 'successors'])
            value[extra] = [r.choice(products)[1]] if extra == 'successors' else self.date()
        return {product: value}

    def edit(self, step):
        """One edit, as one of the kinds below (a field by its type four times as often as
        the others, a body alone twice); None when the kind does not apply."""
        entries = self.kb.entries()
        if not entries:
            return None
        path, id, kind = self.r.choice(entries)
        fields, body = self.kb.read(path)
        kinds = [self.field] * 4 + [self.body_link, self.add_event, self.set_status, self.remove, self.channels, self.use,
                                    self.rename, self.day, self.replacement] + [self.body_only] * 2
        return kinds[self.r.randrange(len(kinds))](step, path, id, kind, fields, body)

    def field(self, step, path, id, kind, fields, body):
        if not fields:
            return None
        key = self.r.choice(list(fields))
        if key == 'generated':
            return None
        fields[key] = self.mutate(fields[key], key)
        self.kb.write(path, fields, body)
        return f'{id}: {key} = {str(fields[key])[:60]}'

    def body_link(self, step, path, id, kind, fields, body):
        r, kb = self.r, self.kb
        sources = kb.ids('sources')
        target = r.choice(kb.ids())
        cite = f' [@{r.choice(sources)}]' if sources and kind != 'sources' else ''
        open(path, 'a').write(f'\nParagraph {step} about [[{target}]]{cite}.\n')
        return f'{id}: body links {target}'

    def add_event(self, step, *_):
        r, kb = self.r, self.kb
        entities, sources = kb.ids('entities'), kb.ids('sources')
        if not entities:
            return None
        event = {'title': f'Fuzz event {step}', 'date': self.date(), 'type': r.choice(['launch', 'release', 'deprecation', 'shutdown', 'other']),
                 'entities': r.sample(entities, min(len(entities), r.randint(1, 3))), 'sources': sources[:1]}
        status = self.status() if r.random() < 0.7 else None
        if status:
            event['status'] = status
            event['entities'] = sorted(set(event['entities']) | set(status))
        name = f'fuzz-{self.seed}-{step}'
        kb.write(os.path.join(kb.root, 'Content/events/fuzz', name + '.md'), event, f'About [[{event["entities"][0]}]].\n')
        return f'add {name} {status}'

    def set_status(self, step, *_):
        """A status set on an event (merged with the one it has), or its status dropped."""
        events = [(p, i) for p, i, k in self.kb.entries() if k == 'events']
        if not events:
            return None
        path, id = self.r.choice(events)
        fields, body = self.kb.read(path)
        if not fields:
            return None
        status = self.status()
        if 'status' in fields and self.r.random() < 0.3 or not status:
            fields.pop('status', None)
        else:
            fields['status'] = {**(fields.get('status') or {}), **status}
            fields['entities'] = sorted(set(fields.get('entities') or []) | set(status))
        self.kb.write(path, fields, body)
        return f'{id}: status {fields.get("status")}'

    def remove(self, step, path, id, *_):
        os.remove(path)
        return f'remove {id}'

    def channels(self, step, *_):
        r, products = self.r, self.kb.products()
        if not products:
            return None
        path, id, fields = r.choice(products)
        _, body = self.kb.read(path)
        names = ['api', 'app', 'esu'] + r.sample(self.kb.ids('entities'), 1)
        fields['channels'] = [c if r.random() < 0.5 else {c: r.choice(['extended', 'paid', 'bundle'])} for c in r.sample(names, r.randint(1, 3))]
        self.kb.write(path, fields, body)
        return f'{id}: channels {fields["channels"]}'

    def use(self, step, *_):
        r, products = self.r, self.kb.products()
        if not products:
            return None
        _, product, fields = r.choice(products)
        use = {'product': product, 'team': f'Team {step % 3}', 'criticality': r.choice(['critical', 'high', 'medium', 'low'])}
        # A use of one channel, when the product declares some (its tier shows on the use's page).
        channels = [c if isinstance(c, str) else next(iter(c)) for c in fields.get('channels') or []]
        if channels and r.random() < 0.6:
            use['channel'] = r.choice(channels)
        self.kb.write(os.path.join(self.kb.root, f'Content/uses/use-{self.seed}-{step}.md'), use, 'A use.\n')
        return f'use of {product}'

    def rename(self, step, path, id, kind, fields, body):
        if not fields or kind != 'entities':
            return None
        fields['name'] = f'Renamed {step}'
        fields['aliases'] = list(fields.get('aliases') or []) + [f'Alias {step}'] if self.r.random() < 0.3 else fields.get('aliases', [])
        if not fields['aliases']:
            del fields['aliases']
        self.kb.write(path, fields, body)
        return f'{id}: renamed'

    def day(self, *_):
        return 'day ' + self.r.choice(DAYS)

    def replacement(self, *_):
        """What replaces a product: customers move to it, or were carried over into it."""
        products = self.kb.products()
        if len(products) < 2:
            return None
        (path, id, fields), other = self.r.sample(products, 2)
        _, body = self.kb.read(path)
        key = self.r.choice(['successors', 'folded_into'])
        fields[key] = [other[1]]
        self.kb.write(path, fields, body)
        return f'{id}: {key} {other[1]}'

    def body_only(self, step, path, id, *_):
        """The body alone, as an author edits most: the build writes the new text into the
        outputs that show it, without loading the knowledge base."""
        front, _, body = open(path).read().partition('\n---\n')
        words = re.findall(r'(?<=\s)[A-Za-z]{4,}(?=[\s.,])', body)
        roll = self.r.random()
        if words and roll < 0.4:
            # A word made longer: the links after it on its line move (same links, new columns).
            word = self.r.choice(words)
            body = body.replace(' ' + word, f' {word.upper()} & <{step}>', 1)
        elif roll < 0.7:
            # A paragraph above the rest: every link moves down.
            body = f'\nOpening paragraph {step}, added above.\n' + body
        else:
            # With HTML the page leaves out (a comment) and a tag around shown text: the
            # search index's body, written into its shard, leaves them out too.
            body += f'\nPlain paragraph {step}, with *emphasis* and “quotes” <!-- note {step} --> and <b>bold</b>.\n'
        open(path, 'w').write(front + '\n---\n' + body)
        return f'{id}: body only'


# Incremental builds that took the body path: written into the outputs without a load.
body_path_builds = 0


def run(vane, root, day, *args):
    p = subprocess.run([vane, *args, '--as-of', day], cwd=root, capture_output=True, text=True)
    if args[0] == 'build' and ', 0 entries linked,' in p.stderr and ' 1 parses decoded' in p.stderr:
        global body_path_builds
        body_path_builds += 1
    return p.returncode, p.stdout, sorted(l for l in p.stderr.splitlines() if ': error:' in l)


def graph(root):
    db = sqlite3.connect(os.path.join(root, 'vane.sqlite'))
    tables = {t: sorted(map(repr, db.execute(f'SELECT * FROM {t}'))) for t in GRAPH}
    tables['fts'] = sorted(map(repr, db.execute('SELECT id, kind, title, body FROM entries_fts')))
    tables['files'] = sorted(map(repr, db.execute('SELECT path, hash, kind, entry_id FROM files')))
    db.close()
    return tables


def copy(source, target, history=False):
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    for folder in ('Content', 'Site') + (('.git',) if history else ()):
        if os.path.isdir(os.path.join(source, folder)):
            shutil.copytree(os.path.join(source, folder), os.path.join(target, folder))
    if history and os.path.exists(os.path.join(source, '.gitignore')):
        shutil.copy(os.path.join(source, '.gitignore'), target)


def differences(vane, incremental, full, day):
    """What an incremental build and a full build of the same files disagree on."""
    rc, _, errors = run(vane, incremental, day, 'build', '--verbose')
    copy(incremental, full, history=os.path.isdir(os.path.join(incremental, '.git')))
    full_rc, _, full_errors = run(vane, full, day, 'build')
    if rc != full_rc or errors != full_errors:
        return rc, [f'exit {rc} vs {full_rc}: {errors[:2]} vs {full_errors[:2]}']
    if rc:
        return rc, []
    found = []
    diff = subprocess.run(['diff', '-rq', os.path.join(incremental, 'public'), os.path.join(full, 'public')], capture_output=True, text=True)
    if diff.returncode:
        found.append('site: ' + ', '.join(os.path.relpath(l.split()[1], incremental) if l.startswith('Files') else l for l in diff.stdout.splitlines()[:6]))
    ours, theirs = graph(incremental), graph(full)
    found += [f'graph: {t}' for t in ours if ours[t] != theirs[t]]
    if run(vane, incremental, day, 'status', '--format', 'json')[1] != run(vane, full, day, 'status', '--format', 'json')[1]:
        found.append('status --format json')
    return rc, found


def git(root, *args):
    # No automatic gc: packing in the background would move objects while the copy is made.
    config = ['-c', 'user.name=Fuzz', '-c', 'user.email=fuzz@example.org', '-c', 'gc.auto=0']
    subprocess.run(['git', *config, *args], cwd=root, check=True, capture_output=True)


def start(source, incremental, history):
    """A fresh copy of the source, in a git repository of its own with `history`: what the
    pages show of recorded time (History, What's new, the changes pages) is fuzzed too."""
    copy(source, incremental)
    if history:
        open(os.path.join(incremental, '.gitignore'), 'w').write('/public/\n/.public.spare/\n/vane.sqlite*\n/.vane-build.lock\n')
        git(incremental, 'init', '-q')
        git(incremental, 'add', '-A')
        git(incremental, 'commit', '-qm', 'Start')


def reset(source, incremental, history):
    """The source's files again, over the last build's output and database: the next
    build is an incremental one after a failed build."""
    for folder in ('Content', 'Site'):
        shutil.rmtree(os.path.join(incremental, folder), ignore_errors=True)
        if os.path.isdir(os.path.join(source, folder)):
            shutil.copytree(os.path.join(source, folder), os.path.join(incremental, folder))
    if history:
        git(incremental, 'add', '-A')
        git(incremental, 'commit', '-qm', 'Reset', '--allow-empty')


def fuzz(vane, source, seed, steps, scratch, history):
    rng = random.Random(seed)
    incremental, full = os.path.join(scratch, 'incremental'), os.path.join(scratch, 'full')
    start(source, incremental, history)
    kb, day = KnowledgeBase(incremental), DAYS[2]
    editor = Editor(kb, rng, seed)
    rc, _, errors = run(vane, incremental, day, 'build')
    if rc:
        return [f'{source}: the first build failed: {errors[:3]}']
    problems = []
    for step in range(steps):
        label = editor.edit(step)
        if label is None:
            continue
        if label.startswith('day '):
            day = label[4:]
        if history and rng.random() < 0.4:
            git(incremental, 'add', '-A')
            git(incremental, 'commit', '-qm', f'Step {step}: {label[:50]}', '--allow-empty')
        rc, found = differences(vane, incremental, full, day)
        problems += [f'{os.path.basename(source.rstrip("/"))} seed {seed} step {step} ({label}): {f}' for f in found]
        if rc:
            # An edit that breaks the knowledge base (a dangling reference, a value off
            # its scale) failed both builds alike; the source's files again, built on
            # what the failed build left, must build as a full build does.
            reset(source, incremental, history)
            rc, found = differences(vane, incremental, full, day)
            problems += [f'{os.path.basename(source.rstrip("/"))} seed {seed} step {step} (after a failed build): {f}' for f in found]
            if rc:
                return problems + [f'{source}: the source failed to build again']
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--vane', required=True)
    parser.add_argument('--seeds', default='1,2')
    parser.add_argument('--steps', type=int, default=60)
    parser.add_argument('--git', action='store_true', help='keep the copy in git, committing at random steps')
    parser.add_argument('kbs', nargs='+')
    args = parser.parse_args()
    vane = os.path.abspath(args.vane)
    problems = []
    with tempfile.TemporaryDirectory(prefix='vane-incremental-fuzz-') as scratch:
        for source in args.kbs:
            for seed in map(int, args.seeds.split(',')):
                found = fuzz(vane, os.path.abspath(source), seed, args.steps, scratch, args.git)
                print(f'{source} seed {seed}: {len(found)} differing steps', flush=True)
                for line in found:
                    print('  ' + line, flush=True)
                problems += found
    print(f'{body_path_builds} incremental builds took the body path')
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
