"""Words of the widgets' own chrome on a Chinese page: plotly's modebar and notices (keyed by plotly.js's English
text, which it looks its words up by: ``portal.charts.plotly_config``), the Fullscreen button Streamlit adds to
the modebar, the multiselect's bulk action and the skip link (put there by CSS: ``ui_dash.chrome_words``), the
dialog shown when the server is gone (``ui_dash.connection_words``) and the reason of a file the uploader refuses in
the browser (``ui_refusals``)."""

STRINGS = {
    "plotly.download_png": ("Download plot as a PNG", "下载图表(PNG)"),
    "plotly.download": ("Download plot", "下载图表"),
    "plotly.zoom": ("Zoom", "缩放"),
    "plotly.pan": ("Pan", "平移"),
    "plotly.box_select": ("Box Select", "框选"),
    "plotly.lasso_select": ("Lasso Select", "套索选择"),
    "plotly.zoom_in": ("Zoom in", "放大"),
    "plotly.zoom_out": ("Zoom out", "缩小"),
    "plotly.autoscale": ("Autoscale", "自动缩放"),
    "plotly.reset_axes": ("Reset axes", "重置坐标轴"),
    "plotly.reset": ("Reset", "重置"),
    "plotly.reset_view": ("Reset view", "重置视图"),
    "plotly.reset_views": ("Reset views", "重置视图"),
    "plotly.spikelines": ("Toggle Spike Lines", "显示/隐藏辅助线"),
    "plotly.hover_closest": ("Show closest data on hover", "悬停时显示最近的数据"),
    "plotly.hover_compare": ("Compare data on hover", "悬停时比较数据"),
    "plotly.hover_toggle": ("Toggle show closest data on hover", "切换悬停时显示最近的数据"),
    "plotly.preparing_image": (
        "Preparing image - this may take a few seconds",
        "正在生成图片，可能需要几秒钟",
    ),
    "plotly.image_done": ("Image download succeeded", "图片下载成功"),
    "plotly.image_failed": ("Sorry, there was a problem downloading your image!", "抱歉，图片下载出现问题！"),
    "plotly.legend_isolate": ("Double-click on legend to isolate one trace", "双击图例可只显示该系列"),
    "plotly.zoom_back": ("Double-click to zoom back out", "双击可还原缩放"),
    "chrome.fullscreen": ("Fullscreen", "全屏"),
    "chrome.close_fullscreen": ("Close fullscreen", "退出全屏"),
    "chrome.select_all": ("Select all", "全选"),
    "chrome.select_matches": ("Select all matches", "选择全部匹配项"),
    # the keyboard's first stop on every page (Streamlit's skip link, shown while it has the focus)
    "chrome.skip_to_content": ("Skip to main content", "跳到主要内容"),
    # Streamlit's screen-reader names and tooltips of the password field's reveal button and a table's toolbar
    # (ui_labels)
    "chrome.show_password": ("Show password", "显示密码"),
    "chrome.hide_password": ("Hide password", "隐藏密码"),
    "chrome.toolbar_columns": ("Show/hide columns", "显示/隐藏列"),
    "chrome.toolbar_search": ("Search", "搜索"),
    "chrome.toolbar_download": ("Download as CSV", "下载为CSV"),
    # a file Streamlit's uploader refuses in the browser, before the portal sees it: its reason under the uploader
    # (ui_refusals; {types}: the uploader's file types, {limit}: its size limit, as "8 MB")
    "chrome.upload.heic": (
        "{name}: HEIC photos (the iPhone and iPad camera's own format) cannot be read here. Upload a JPEG, PNG or "
        "WebP photo: on the iPad set Settings › Camera › Formats to Most Compatible, or share the photo as JPEG.",
        "{name}：无法读取 HEIC 照片(iPhone、iPad 相机自带的格式)。请上传 JPEG、PNG 或 WebP 照片：可在 iPad 的"
        "“设置 › 相机 › 格式”中选择“兼容性最佳”，或将照片以 JPEG 格式分享。",
    ),
    "chrome.upload.type": (
        "{name}: this kind of file cannot be uploaded here (it takes {types}).",
        "{name}：此处不能上传这类文件(可上传 {types})。",
    ),
    "chrome.upload.too_large": (
        "{name} is over the {limit} this upload takes.",
        "{name} 超过此处 {limit} 的上限。",
    ),
    "chrome.upload.one_file": ("Only one file can be uploaded here.", "此处只能上传一个文件。"),
    "chrome.upload.failed": ("{name} could not be uploaded. Try again.", "{name} 上传失败，请重试。"),
    # the uploaders' screen-reader labels (ui_refusals; Streamlit's own, in English on every page, are the English)
    "chrome.upload.aria_input": ("file upload", "上传文件"),
    "chrome.upload.aria_add": ("Add files", "添加文件"),
    "chrome.upload.aria_remove": ("Remove {name}", "移除 {name}"),
    # Streamlit's dialog when the server is gone ("Is Streamlit still running? … streamlit run yourscript.py"),
    # in every language (ui_dash.connection_words)
    "chrome.connection_lost_title": ("Connection to the portal lost", "与门户的连接已中断"),
    "chrome.connection_lost": (
        "The portal server cannot be reached. This page connects again by itself as soon as the server is back; "
        "then check that your last step was saved (the 5S inspection form says what became of a submit).",
        "无法连接门户服务器。服务器恢复后，本页面会自动重新连接；届时请确认上一步操作是否已保存(5S检查表单会提示提交结果)。",
    ),
}
