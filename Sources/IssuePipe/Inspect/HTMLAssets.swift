/// The inline style sheet and script of the HTML report: no fonts, scripts
/// or images are fetched, so the file works offline and from an archive.
enum HTMLAssets {
    static let css = #"""
:root{
  --ink:#1d232b; --muted:#69737f; --line:#dfe3e8; --paper:#f4f5f7; --accent:#e8590c;
  --cjk:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Zen Hei","WenQuanYi Micro Hei",sans-serif;
  --sheet:min(600px,48vw);
}
*{box-sizing:border-box}
body{margin:0;height:100vh;display:flex;flex-direction:column;overflow:hidden;font:14px/1.6 system-ui,-apple-system,"Segoe UI",var(--cjk);font-family:system-ui,-apple-system,"Segoe UI",var(--cjk);color:var(--ink);background:var(--paper)}
:lang(zh-Hans) body, .tx, .cb p, .pane p, .pane h4, #outline{font-family:var(--cjk)}
a{color:inherit}
.bar{flex:none;z-index:5;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center;padding:8px 16px;background:#fff;border-bottom:1px solid var(--line);box-shadow:0 1px 3px rgba(0,0,0,.05)}
.bar .file span{color:var(--muted);margin-left:6px;font-size:13px}
.toggles{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:13px}
.bar .label{color:var(--muted);font-size:12px;margin-right:2px}
.panes .label{margin-right:8px}
.toggles label{display:inline-flex;align-items:center;gap:5px;cursor:pointer;user-select:none}
.toggles i{display:inline-block;width:12px;height:12px;border-radius:2px;border:1.5px solid #4c6ef5;background:rgba(76,110,245,.12)}
.sw-extract i{border-color:#868e96;background:rgba(134,142,150,.15)}
.sw-furniture i{border-color:#e03131;background:repeating-linear-gradient(45deg,rgba(224,49,49,.35) 0 2px,transparent 2px 4px)}
.sw-blocks i{border-color:hsl(200,65%,40%);background:linear-gradient(90deg,hsla(20,70%,50%,.3),hsla(200,70%,50%,.3),hsla(120,70%,50%,.3))}
.sw-order i{border:none;background:none;border-top:2px dotted #333;height:2px;border-radius:0}
.sw-headings i{border:2px dashed #7048e8;background:none}
.sw-ocr i{border-color:#2b8a3e;background:linear-gradient(90deg,rgba(224,49,49,.4),rgba(240,140,0,.4),rgba(47,158,68,.4))}
.panes{margin-left:auto;display:flex;gap:0;align-items:center}
.panes button{font:inherit;font-size:13px;padding:3px 12px;border:1px solid var(--line);background:#fff;cursor:pointer}
.panes button:first-of-type{border-radius:4px 0 0 4px}.panes button:last-of-type{border-radius:0 4px 4px 0}
.panes button.on{background:var(--ink);color:#fff;border-color:var(--ink)}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:300px 1fr}
#outline{overflow:auto;padding:14px 16px 40px;background:#fff;border-right:1px solid var(--line);font-size:13px}
#outline h1{font-size:22px;margin:0;letter-spacing:.08em}
#outline .facts{margin:0 0 10px}
#outline h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:18px 0 6px;font-family:system-ui,sans-serif}
#outline h2 small{text-transform:none;letter-spacing:0;font-weight:normal}
.subtitle{margin:2px 0;color:var(--muted)}
.issue{margin:6px 0;font-weight:600}
#outline dl{display:grid;grid-template-columns:auto 1fr;gap:1px 8px;margin:8px 0 0;color:#333}
#outline dt{color:var(--muted)}#outline dd{margin:0}
#outline ol{margin:0;padding:0;list-style:none}
#outline li{margin:1px 0}
#outline ol a{display:block;padding:4px 6px;border-radius:5px;text-decoration:none;border-left:3px solid transparent}
#outline ol a:hover{background:#f1f3f5}
#outline ol a.hl{background:#fff4e6;border-left-color:var(--accent)}
.articles .n{display:inline-block;min-width:1.6em;color:var(--muted);font-variant-numeric:tabular-nums}
.articles small{display:block;color:var(--muted);padding-left:1.6em;font-size:12px}
.sec{display:inline-block;font-size:11px;padding:0 5px;margin-right:5px;border-radius:3px;background:#e7f5ff;color:#1864ab;vertical-align:1px}
.contents .nomatch{padding:4px 6px;color:#c92a2a;text-decoration:line-through dotted}
.warnings{padding-left:16px;margin:0}.warnings code{color:#d9480f}
.pagelinks{display:flex;flex-wrap:wrap;gap:4px}
.pagelinks a{display:inline-block;min-width:26px;text-align:center;padding:2px 4px;border:1px solid var(--line);border-radius:4px;text-decoration:none}
.m-ocr{background:#fff3bf}
.muted{color:var(--muted);font-size:12px;margin:4px 0}
main{overflow:auto;padding:12px 20px 50vh;min-width:0;scroll-padding-top:8px}
.page{margin:0 0 28px}
.page>h2{font-size:15px;margin:6px 0 8px;font-weight:600}
.page>h2 .meta{font-weight:normal;color:var(--muted);font-size:12.5px;margin-left:4px}
.badge{font-size:11px;font-weight:600;padding:1px 6px;border-radius:3px;background:#e9ecef;vertical-align:2px}
.badge.m-ocr{background:#ffe066}
.warn{font-size:11px;font-weight:normal;padding:1px 6px;border-radius:3px;background:#fff4e6;color:#d9480f;cursor:help}
.page-row{display:flex;gap:16px;align-items:flex-start}
.sheet{position:relative;flex:0 0 var(--sheet);width:var(--sheet);margin:0;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.18)}
.sheet img{display:block;width:100%;height:100%}
.sheet .blank{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;color:#adb5bd;font-size:12px}
.sheet svg{position:absolute;inset:0;width:100%;height:100%;overflow:visible}
svg rect{vector-effect:non-scaling-stroke}
svg text{font-family:system-ui,sans-serif;pointer-events:none}
.ln{fill:rgba(134,142,150,.10);stroke:#868e96;stroke-width:.7}
.furn{fill:rgba(224,49,49,.16);stroke:#e03131;stroke-width:1;stroke-dasharray:3 2}
.flabel{font-size:5.5px;fill:#c92a2a}
.blk rect{fill:hsla(var(--h),75%,52%,.16);stroke:hsl(var(--h),65%,40%);stroke-width:.8}
.blk:hover rect,.blk.focus rect{fill:hsla(var(--h),75%,52%,.34);stroke-width:1.6}
.bnum{font-size:6.5px;font-weight:700;fill:hsl(var(--h),65%,35%)}
.join{fill:none;stroke:hsl(var(--h),65%,35%);stroke-width:1;stroke-dasharray:2 1.5;vector-effect:non-scaling-stroke}
.num{font-size:4.8px;text-anchor:end;fill:hsl(var(--h),65%,35%)}
.hd{fill:none;stroke:#7048e8;stroke-width:1.6;stroke-dasharray:5 3}
.hd-title{stroke:#5f3dc4;stroke-width:2.2}
.hlabel{font-size:5.5px;fill:#5f3dc4;font-weight:600}
.ocr{fill:hsla(var(--h),80%,45%,.22);stroke:hsl(var(--h),70%,35%);stroke-width:.8}
.word{fill:none;stroke:rgba(0,0,0,.25);stroke-width:.5}
.art{fill:none;stroke:none;pointer-events:none}
.art.hl{fill:rgba(232,89,12,.20);stroke:var(--accent);stroke-width:2.2;pointer-events:all}
body.selecting .blk:not(.hl) rect{fill:hsla(var(--h),20%,60%,.06);stroke:hsla(var(--h),20%,50%,.35)}
body.hide-extract .layer-extract,body.hide-furniture .layer-furniture,body.hide-blocks .layer-blocks,
body.hide-order .layer-order,body.hide-headings .layer-headings,body.hide-ocr .layer-ocr{display:none}
.blk{cursor:pointer}
.texts{position:relative;flex:1 1 0;min-width:260px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 12px;max-height:calc(var(--sheet) * 1.414);overflow:auto}
.pane{display:none}
body[data-pane=lines] .pane-lines,body[data-pane=blocks] .pane-blocks,body[data-pane=articles] .pane-articles{display:block}
.lines{margin:0;padding:0;list-style:none;font-size:13px}
.lines li{padding:1px 0;border-bottom:1px solid #f1f3f5}
.lines .ref,.cbmeta span,.cbmeta b{font:11px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted)}
.lines .furn .tx{text-decoration:line-through;color:#c92a2a}
.why{font-size:11px;padding:0 5px;border-radius:3px;background:#ffe3e3;color:#c92a2a}
.conf{font-size:11px;padding:0 4px;border-radius:3px;background:hsla(var(--h),80%,45%,.25)}
.cb{border-left:4px solid hsl(var(--h),65%,45%);padding:2px 0 2px 10px;margin:8px 0;border-radius:2px}
.cb.unused{opacity:.65}
.cb.focus{background:hsla(var(--h),75%,52%,.08)}
.cb.hl{background:#fff4e6;box-shadow:inset 0 0 0 1px rgba(232,89,12,.35)}
.cbmeta{font-size:12px;color:var(--muted)}
.cbmeta b{color:hsl(var(--h),65%,35%);font-weight:700;margin-right:4px}
.cb p{margin:2px 0 0;font-size:14px;line-height:1.75}
.cb-title p{font-size:17px;font-weight:700}
.cb-heading p{font-weight:700}
.pane-articles article{margin:6px 0 14px;padding-left:8px;border-left:3px solid transparent}
.pane-articles article.hl{border-left-color:var(--accent)}
.pane-articles h3{font-size:16px;margin:4px 0}
.pane-articles h3 a{text-decoration:none}
.pane-articles h4{font-size:14px;margin:8px 0 2px}
.pane-articles p{margin:4px 0;line-height:1.8;text-indent:2em}
.pane-articles .sources{color:var(--muted);font-size:12px;text-indent:0}
#tip{position:fixed;z-index:10;max-width:440px;padding:7px 10px;border-radius:6px;background:rgba(29,35,43,.95);color:#f8f9fa;font:12.5px/1.55 var(--cjk);white-space:pre-wrap;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25)}
@media (max-width:1100px){.layout{grid-template-columns:230px 1fr}:root{--sheet:min(600px,92vw)}.page-row{flex-direction:column}.texts{max-height:none;width:100%}}
@media print{
  .bar,#outline,#tip,.layer-extract,.layer-order{display:none!important}
  body{height:auto;display:block;overflow:visible}.layout{display:block}main{padding:0;overflow:visible}
  .page{break-after:page}
  .page-row{display:block}
  .sheet{width:100%;box-shadow:none;border:1px solid #ccc}
  .texts{max-height:none;border:none;padding:8px 0}
  .pane-blocks{display:block!important}.pane-lines,.pane-articles{display:none!important}
  body{background:#fff}
}
"""#

    static let script = #"""
(function(){
  'use strict';
  var body=document.body, tip=document.getElementById('tip');
  function all(sel,root){return Array.prototype.slice.call((root||document).querySelectorAll(sel));}
  // Layers: one checkbox each; unchecked adds body.hide-<layer>.
  all('input[data-layer]').forEach(function(box){
    function apply(){body.classList.toggle('hide-'+box.dataset.layer,!box.checked);}
    box.addEventListener('change',apply);apply();
  });
  // The text beside every page: lines, blocks or articles.
  all('[data-pane-button]').forEach(function(button){
    button.addEventListener('click',function(){
      body.dataset.pane=button.dataset.paneButton;
      all('[data-pane-button]').forEach(function(b){b.classList.toggle('on',b===button);});
    });
  });
  // Choosing an article: every element with its data-article gets .hl.
  function select(n,scroll){
    all('.hl').forEach(function(e){e.classList.remove('hl');});
    if(!n||body.dataset.selected===n&&scroll==='toggle'){delete body.dataset.selected;body.classList.remove('selecting');return;}
    body.dataset.selected=n;body.classList.add('selecting');
    all('[data-article="'+n+'"]').forEach(function(e){e.classList.add('hl');});
    var first=document.querySelector('svg .art[data-article="'+n+'"]'),main=document.getElementById('pages');
    if(scroll&&first){var r=first.getBoundingClientRect(),m=main.getBoundingClientRect();
      main.scrollTo({top:Math.max(0,main.scrollTop+r.top-m.top-m.height/4),behavior:scroll==='instant'?'auto':'smooth'});}
    // Beside each page, bring the article's first block into view.
    all('.texts').forEach(function(box){
      var hit=box.querySelector('.pane .hl[data-article="'+n+'"]');
      if(hit){box.scrollTop=hit.offsetTop-8;}
    });
  }
  window.issuepipeSelect=select;
  document.addEventListener('click',function(event){
    var link=event.target.closest('[data-select]');
    if(link){event.preventDefault();select(link.dataset.select,'smooth');return;}
    var block=event.target.closest('.blk[data-article]');
    if(block){select(block.dataset.article,false);}
  });
  // Hovering a block in the text panel outlines it on the page, and back.
  function focus(n,on){all('[data-block="'+n+'"]').forEach(function(e){e.classList.toggle('focus',on);});}
  all('.cb[data-block], .blk[data-block]').forEach(function(e){
    e.addEventListener('mouseenter',function(){focus(e.dataset.block,true);});
    e.addEventListener('mouseleave',function(){focus(e.dataset.block,false);});
  });
  // Tooltips: text, style and provenance of whatever is under the pointer.
  document.addEventListener('mouseover',function(event){
    var t=event.target.closest('[data-tip]');
    if(!t){tip.hidden=true;return;}
    tip.textContent=t.dataset.tip;tip.hidden=false;
  });
  document.addEventListener('mousemove',function(event){
    if(tip.hidden)return;
    var x=event.clientX+14,y=event.clientY+14,w=tip.offsetWidth,h=tip.offsetHeight;
    if(x+w>innerWidth-8)x=Math.max(8,event.clientX-w-14);
    if(y+h>innerHeight-8)y=Math.max(8,event.clientY-h-14);
    tip.style.left=x+'px';tip.style.top=y+'px';
  });
  // Test hook: report.html?select=N chooses article N on load (?pane=lines|blocks|articles too).
  var query=new URLSearchParams(location.search);
  if(query.get('pane')){var b=document.querySelector('[data-pane-button="'+query.get('pane')+'"]');if(b)b.click();}
  if(query.get('select')){select(String(parseInt(query.get('select'),10)),'instant');}
})();
"""#
}
