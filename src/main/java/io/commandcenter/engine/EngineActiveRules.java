package io.commandcenter.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.facts.SiteSettings;
import org.springframework.stereotype.Component;

@Component
class EngineActiveRules implements ActiveRules {

    private final EngineService engine;
    private final PreferencesService preferences;
    private final RuleSetVersionRepository versions;

    EngineActiveRules(EngineService engine, PreferencesService preferences, RuleSetVersionRepository versions) {
        this.engine = engine;
        this.preferences = preferences;
        this.versions = versions;
    }

    @Override
    public RuleSet ruleSet() {
        return engine.rules();
    }

    @Override
    public SiteSettings settings() {
        return preferences.current().toSettings();
    }

    @Override
    public Optional<List<RuleFile>> version(int version) {
        return versions.find(version).map(v -> {
            List<RuleFile> files = new ArrayList<>();
            v.files().forEach((name, content) -> files.add(RuleFile.file(name, content)));
            return files;
        });
    }
}
