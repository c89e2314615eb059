from kbdesk.textforms import normalize, normalize_aligned


def test_normalize_folds_width_case_and_traditional():
    assert normalize("ＡＰＰ登入問題") == "app登录问题"
    assert normalize("遊戲帳號") == "游戏账号"
    assert normalize("游戏账号") == "游戏账号"


def test_aligned_normalisation_keeps_offsets():
    text = "請用記憶體ＡＰＰ"  # 記憶體 → 内存 changes length in phrase mode
    norm = normalize_aligned(text)
    assert len(norm) == len(text)
    assert norm.startswith("请用")
