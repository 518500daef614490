# bash completion for retest: commands, their options and values, files, and the symbols in
# the user's own cache (`retest list`, honouring a --db given earlier on the line).
# SPDX-License-Identifier: GPL-3.0-or-later

_retest_symbols() {
    local db=${XDG_DATA_HOME:-$HOME/.local/share}/retest/retest.sqlite i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        [[ ${COMP_WORDS[i]} == --db ]] && db=${COMP_WORDS[i + 1]/#\~/$HOME}
    done
    # Only an existing cache: completing must never create one.
    [[ -f $db ]] || return
    retest --db "$db" list 2>/dev/null | while read -r symbol _; do printf '%s\n' "$symbol"; done
}

_retest() {
    local cur prev words cword
    _init_completion || return

    local commands="import list export levels scan fetch annotate rotation watchlist alerts"
    local global="--db --help --version --man --new-window --import"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --db) ((i++)) ;;
            -*) ;;
            *) command=${words[i]}; break ;;
        esac
    done

    case $prev in
        --db | --out | --export | --import)
            [[ -z $command && $prev == --import ]] || { _filedir; return; } ;;
        --out-dir) _filedir -d; return ;;
        --timeframe) mapfile -t COMPREPLY < <(compgen -W "D W M" -- "$cur"); return ;;
        --range) mapfile -t COMPREPLY < <(compgen -W "1M 3M 6M YTD 1Y 5Y MAX" -- "$cur"); return ;;
        --theme) mapfile -t COMPREPLY < <(compgen -W "light dark" -- "$cur"); return ;;
        --provider) mapfile -t COMPREPLY < <(compgen -W "yahoo stooq" -- "$cur"); return ;;
        --line) mapfile -t COMPREPLY < <(compgen -W "solid dash dot" -- "$cur"); return ;;
        --format)
            if [[ $command == import ]]; then
                mapfile -t COMPREPLY < <(compgen -W "auto yahoo stooq generic" -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W "png jpg pdf svg" -- "$cur")
            fi
            return ;;
        --symbol | --benchmark | --compare | --pane)
            mapfile -t COMPREPLY < <(compgen -W "$(_retest_symbols)" -- "$cur")
            return ;;
        --from | --to | --until | --since | --sensitivity | --size | --scale | \
            --quality | --title | --base-url | --label | --color | --width | --remove | \
            --threshold | --tail | --deadline | --max-size | --list | --note | --enters | \
            --closes-above | --closes-below | --closes-above-line | --closes-below-line)
            [[ $prev == --symbol ]] &&
                mapfile -t COMPREPLY < <(compgen -W "$(_retest_symbols)" -- "$cur")
            return ;;
    esac

    local options=""
    case $command in
        "")
            if [[ $cur == -* ]]; then
                mapfile -t COMPREPLY < <(compgen -W "$global" -- "$cur")
            else
                mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
                _filedir '@(csv|CSV|txt|TXT)'   # `retest FILE.csv` imports it in the window
            fi
            return ;;
        import) options="--symbol --format --help" ;;
        list) options="--help" ;;
        export)
            options="--out --watchlist --list --out-dir --format --range --from --to --timeframe
                     --size --scale --quality --theme --no-levels --sensitivity --no-annotations
                     --title
                     --compare --pane --threshold --help" ;;
        levels) options="--until --sensitivity --json --timeframe --help" ;;
        scan) options="--until --sensitivity --json --help" ;;
        fetch)
            options="--provider --base-url --full --since --watchlist --list --deadline
                     --max-size --help" ;;
        rotation) options="--benchmark --until --tail --json --help" ;;
        watchlist) options="--replace --json --help" ;;
        alerts)
            options="--enters --closes-above --closes-below --closes-above-line
                     --closes-below-line --retest --ath --note --json --help" ;;
        annotate)
            options="--hline --zone --note --trend --rect --arrow --vline --label --color --line
                     --width --extend-right --list --json --remove --export --import --replace
                     --force --help" ;;
        *) return ;;
    esac
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    elif [[ $command == import ]]; then
        _filedir '@(csv|CSV|txt|TXT|tsv)'
    elif [[ $command != list ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_retest_symbols)" -- "$cur")
    fi
} && complete -F _retest retest
